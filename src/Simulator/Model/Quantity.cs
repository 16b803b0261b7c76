using System.Globalization;
using System.Numerics;

namespace Simulator.Model;

/// <summary>
/// How a <see cref="Quantity"/> writes itself, as in Kubernetes' <c>resource.Format</c>.
/// </summary>
/// <remarks>
/// The format never takes part in equality or ordering; it only chooses the suffix family of
/// <see cref="Quantity.ToString"/>. The default, <see cref="DecimalSI"/>, is the value 0.
/// </remarks>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes <c>n u m "" k M G T P E</c>, e.g. <c>12M</c> = 12 × 10^6.</summary>
    DecimalSI,

    /// <summary>Powers of two with suffixes <c>Ki Mi Gi Ti Pi Ei</c>, e.g. <c>12Mi</c> = 12 × 2^20.</summary>
    BinarySI,

    /// <summary>Decimal exponent notation, e.g. <c>12e6</c>.</summary>
    DecimalExponent,
}

/// <summary>
/// An exact fixed-point amount of a resource, parsed and printed the way Kubernetes'
/// <c>resource.Quantity</c> does (<c>100m</c>, <c>1.5</c>, <c>512Mi</c>, <c>2e3</c>).
/// </summary>
/// <remarks>
/// <para>
/// The amount is held exactly as a signed 128-bit count of nano-units (10^-9); no floating point
/// is ever used. As in Kubernetes, a non-zero amount finer than a nano-unit is rounded away from
/// zero when parsed, so <c>0.1n</c> becomes <c>1n</c> and <c>-3.001n</c> becomes <c>-4n</c>.
/// The representable range is about ±1.7 × 10^29 units.
/// </para>
/// <para>
/// Equality, hashing and ordering use the numeric amount only: <c>1Gi</c> equals <c>1073741824</c>.
/// The <see cref="Format"/> remembered from parsing or construction only decides how
/// <see cref="ToString"/> writes the amount. The default value is zero in <see cref="QuantityFormat.DecimalSI"/>.
/// </para>
/// </remarks>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>
    /// The message of the <see cref="FormatException"/> for text that does not have the shape of a
    /// quantity (Kubernetes' <c>ErrFormatWrong</c>, word for word).
    /// </summary>
    public const string FormatErrorMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>
    /// The message of the <see cref="FormatException"/> for a well-shaped quantity whose suffix is not
    /// one Kubernetes knows, e.g. <c>1K</c> or <c>1mi</c> (Kubernetes' <c>ErrSuffix</c>, word for word).
    /// </summary>
    public const string SuffixErrorMessage = "unable to parse quantity's suffix";

    private const long NanosPerUnit = 1_000_000_000;
    private const long NanosPerMilli = 1_000_000;
    private const string SuffixLetters = "eEinumkKMGTP";

    private static readonly BigInteger MaxMagnitude = (BigInteger)Int128.MaxValue;

    // Kubernetes caps a parsed binary amount at the largest int64, silently ("8Ei" is 2^63-1).
    private static readonly BigInteger MaxBinaryMagnitude = (BigInteger)long.MaxValue * NanosPerUnit;

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    // Indexed by (exponent + 9) / 3 for the decimal exponents -9, -6, ..., 18.
    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];

    private readonly Int128 _nanos;

    private Quantity(Int128 nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    private enum ParseOutcome
    {
        Parsed,
        WrongFormat,
        UnknownSuffix,
        OutOfRange,
    }

    /// <summary>Zero, in <see cref="QuantityFormat.DecimalSI"/>; the same as <c>default(Quantity)</c>.</summary>
    public static Quantity Zero => default;

    /// <summary>The format <see cref="ToString"/> writes in: the suffix family this quantity was parsed or built with.</summary>
    /// <remarks>
    /// As in Kubernetes, a parsed binary amount strictly between -1 and 1 unit (e.g. <c>0.0001Ki</c>,
    /// which is 0.1024) is recorded as <see cref="QuantityFormat.DecimalSI"/>.
    /// </remarks>
    public QuantityFormat Format { get; }

    /// <summary>
    /// The amount in milli-units, rounded up to a whole milli-unit (away from zero, as Kubernetes'
    /// <c>MilliValue()</c> does), saturating at <see cref="long.MinValue"/> and <see cref="long.MaxValue"/>.
    /// </summary>
    /// <remarks><c>1.5m</c> gives 2, <c>-1.5m</c> gives -2, <c>1n</c> gives 1. Kubernetes overflows silently where this saturates.</remarks>
    public long MilliValue => DivideAwayFromZeroSaturating(_nanos, NanosPerMilli);

    /// <summary>
    /// The amount in whole units, rounded up (away from zero, as Kubernetes' <c>Value()</c> does),
    /// saturating at <see cref="long.MinValue"/> and <see cref="long.MaxValue"/>.
    /// </summary>
    /// <remarks><c>100m</c> gives 1, <c>-1.5</c> gives -2, <c>1Ki</c> gives 1024. Kubernetes overflows silently where this saturates.</remarks>
    public long Value => DivideAwayFromZeroSaturating(_nanos, NanosPerUnit);

    /// <summary>The exact amount in nano-units, for tests and exact arithmetic inside the library.</summary>
    internal Int128 Nanos => _nanos;

    /// <summary>Whether the amount is zero, whatever its format.</summary>
    public bool IsZero => _nanos == Int128.Zero;

    /// <summary>-1, 0 or 1 as the amount is negative, zero or positive.</summary>
    public int Sign => _nanos.CompareTo(Int128.Zero);

    /// <summary>
    /// Parses a quantity written as Kubernetes accepts it: an optional sign, decimal digits with an
    /// optional point (<c>1</c>, <c>1.5</c>, <c>.5</c>, <c>5.</c>), then a suffix — one of
    /// <c>n u m k M G T P E</c>, <c>Ki Mi Gi Ti Pi Ei</c>, or an exponent <c>e</c>/<c>E</c> with an
    /// optional sign (<c>2e3</c>, <c>1E-3</c>, <c>1.3E+6</c>) — or none.
    /// </summary>
    /// <remarks>
    /// <para>No white space is allowed. A non-zero amount finer than a nano-unit is rounded away from zero.
    /// A binary amount larger than 2^63-1 is capped at 2^63-1, as Kubernetes does.</para>
    /// <para>Unlike Kubernetes, text with no digit before its suffix (<c>Mi</c>, <c>.</c>, <c>-</c>) is
    /// rejected; Kubernetes reads most of those as zero.</para>
    /// </remarks>
    /// <param name="text">The text to parse.</param>
    /// <returns>The quantity, in the format its suffix names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The text is not a quantity; the message is Kubernetes' own: <see cref="FormatErrorMessage"/> or
    /// <see cref="SuffixErrorMessage"/>.
    /// </exception>
    /// <exception cref="OverflowException">The amount is beyond about ±1.7 × 10^29 units (Kubernetes has no such bound).</exception>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text, out var quantity) switch
        {
            ParseOutcome.Parsed => quantity,
            ParseOutcome.UnknownSuffix => throw new FormatException(SuffixErrorMessage),
            ParseOutcome.OutOfRange => throw new OverflowException(
                "quantity '" + text + "' is beyond the representable range of about ±1.7e29"),
            _ => throw new FormatException(FormatErrorMessage),
        };
    }

    /// <summary>Parses a quantity as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The text to parse; null gives false.</param>
    /// <param name="quantity">The quantity, or <see cref="Zero"/> when the text is not one.</param>
    /// <returns>Whether the text is a quantity within range.</returns>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        if (text is not null && ParseCore(text, out quantity) == ParseOutcome.Parsed)
        {
            return true;
        }

        quantity = Zero;
        return false;
    }

    /// <summary>Creates the quantity <paramref name="milliValue"/> / 1000, like Kubernetes' <c>NewMilliQuantity</c>.</summary>
    /// <param name="milliValue">The amount in milli-units.</param>
    /// <param name="format">The format to write it in; <see cref="QuantityFormat.DecimalSI"/> by default.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined format.</exception>
    public static Quantity FromMilli(long milliValue, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        ThrowIfUndefined(format);
        return new Quantity(checked((Int128)milliValue * NanosPerMilli), format);
    }

    /// <summary>Creates the quantity <paramref name="value"/> in whole units, like Kubernetes' <c>NewQuantity</c>.</summary>
    /// <param name="value">The amount in units.</param>
    /// <param name="format">The format to write it in; <see cref="QuantityFormat.DecimalSI"/> by default.</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined format.</exception>
    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        ThrowIfUndefined(format);
        return new Quantity(checked((Int128)value * NanosPerUnit), format);
    }

    /// <summary>Adds two quantities exactly.</summary>
    /// <remarks>The sum keeps the left operand's format, unless the left operand is zero: then it takes the right one's, as Kubernetes' <c>Add</c> does, so summing from <see cref="Zero"/> keeps the terms' suffix.</remarks>
    /// <param name="left">The first term.</param>
    /// <param name="right">The second term.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="OverflowException">The sum is beyond the representable range.</exception>
    public static Quantity operator +(Quantity left, Quantity right) =>
        new(checked(left._nanos + right._nanos), left.IsZero ? right.Format : left.Format);

    /// <summary>Subtracts one quantity from another exactly.</summary>
    /// <remarks>The difference keeps the left operand's format, unless the left operand is zero: then it takes the right one's, as Kubernetes' <c>Sub</c> does.</remarks>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="OverflowException">The difference is beyond the representable range.</exception>
    public static Quantity operator -(Quantity left, Quantity right) =>
        new(checked(left._nanos - right._nanos), left.IsZero ? right.Format : left.Format);

    /// <summary>Whether two quantities have the same amount, whatever their formats.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when the amounts are equal.</returns>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Whether two quantities have different amounts, whatever their formats.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when the amounts differ.</returns>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Whether the left amount is smaller than the right one.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when <paramref name="left"/> is smaller.</returns>
    public static bool operator <(Quantity left, Quantity right) => left._nanos < right._nanos;

    /// <summary>Whether the left amount is larger than the right one.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when <paramref name="left"/> is larger.</returns>
    public static bool operator >(Quantity left, Quantity right) => left._nanos > right._nanos;

    /// <summary>Whether the left amount is smaller than or equal to the right one.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when <paramref name="left"/> is not larger.</returns>
    public static bool operator <=(Quantity left, Quantity right) => left._nanos <= right._nanos;

    /// <summary>Whether the left amount is larger than or equal to the right one.</summary>
    /// <param name="left">The first quantity.</param>
    /// <param name="right">The second quantity.</param>
    /// <returns>True when <paramref name="left"/> is not smaller.</returns>
    public static bool operator >=(Quantity left, Quantity right) => left._nanos >= right._nanos;

    /// <summary>Whether <paramref name="other"/> has the same amount, whatever its format.</summary>
    /// <param name="other">The quantity to compare with.</param>
    /// <returns>True when the amounts are equal.</returns>
    public bool Equals(Quantity other) => _nanos == other._nanos;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <summary>A hash of the amount only, so quantities equal across formats hash alike.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => _nanos.GetHashCode();

    /// <summary>Orders by amount only; the format never breaks ties.</summary>
    /// <param name="other">The quantity to compare with.</param>
    /// <returns>Negative, zero or positive as this amount is smaller, equal or larger.</returns>
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    /// <summary>
    /// Writes the quantity in Kubernetes' canonical form: no fractional digits, the largest suffix of
    /// its format that loses nothing, and a sign only when negative.
    /// </summary>
    /// <remarks>
    /// <para>Examples: <c>1.5</c> → <c>1500m</c>, <c>0.1</c> → <c>100m</c>, <c>1000m</c> → <c>1</c>,
    /// <c>1024Mi</c> → <c>1Gi</c>, <c>1536Mi</c> stays, <c>2e3</c> stays, <c>1000M</c> → <c>1G</c>, zero → <c>0</c>.</para>
    /// <para>A binary amount below 1024 units in magnitude, or not a whole number of units, is written
    /// in DecimalSI (<c>0.5Ki</c> → <c>512</c>). A decimal amount beyond the <c>E</c> suffix falls back to
    /// an exponent (<c>1000E</c> → <c>1e21</c>), as current Kubernetes does. Kubernetes may echo some parsed
    /// text verbatim instead (<c>1.441</c>, <c>+1</c>, <c>01Ki</c>); this always writes the canonical form
    /// (<c>1441m</c>, <c>1</c>, <c>1Ki</c>).</para>
    /// </remarks>
    /// <returns>The canonical text, which <see cref="Parse"/> reads back to an equal quantity.</returns>
    public override string ToString()
    {
        if (IsZero)
        {
            return "0";
        }

        var magnitude = Magnitude(_nanos);
        var body = Format == QuantityFormat.BinarySI && TryFormatBinary(magnitude, out var binary)
            ? binary
            : FormatDecimal(magnitude, Format == QuantityFormat.DecimalExponent);
        return _nanos < Int128.Zero ? "-" + body : body;
    }

    private static ParseOutcome ParseCore(string text, out Quantity quantity)
    {
        quantity = Zero;
        var end = text.Length;
        if (end == 0)
        {
            return ParseOutcome.WrongFormat;
        }

        // The scan follows Kubernetes' parseQuantityString so that each input Kubernetes rejects
        // gets the same one of its two messages.
        var pos = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            pos++;
        }

        var integerStart = pos;
        pos = SkipDigits(text, pos);
        var integerDigits = text.AsSpan(integerStart, pos - integerStart);
        var fractionDigits = ReadOnlySpan<char>.Empty;
        if (pos < end && text[pos] == '.')
        {
            var fractionStart = ++pos;
            pos = SkipDigits(text, pos);
            fractionDigits = text.AsSpan(fractionStart, pos - fractionStart);
        }

        var suffixStart = pos;
        while (pos < end && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < end && text[pos] is '+' or '-')
        {
            pos++;
        }

        pos = SkipDigits(text, pos);
        if (pos != end)
        {
            return ParseOutcome.WrongFormat;
        }

        if (!TryInterpretSuffix(text.AsSpan(suffixStart), out var binaryExponent, out var decimalExponent, out var format))
        {
            return ParseOutcome.UnknownSuffix;
        }

        // Kubernetes reads "Mi", "." or "-" as zero (but rejects "Pi"); a quantity needs a digit here.
        if (integerDigits.IsEmpty && fractionDigits.IsEmpty)
        {
            return ParseOutcome.WrongFormat;
        }

        var mantissa = BigInteger.Parse(
            string.Concat(integerDigits, fractionDigits), NumberStyles.None, CultureInfo.InvariantCulture);
        if (mantissa.IsZero)
        {
            quantity = new Quantity(Int128.Zero, format);
            return ParseOutcome.Parsed;
        }

        // amount in nanos = mantissa × 2^binaryExponent × 10^scale; Int128 so no exponent can overflow it.
        var scale = (Int128)decimalExponent - fractionDigits.Length + 9;
        var numerator = mantissa << binaryExponent;
        BigInteger magnitude;
        if (scale >= 0)
        {
            if (scale > 60)
            {
                return ParseOutcome.OutOfRange;
            }

            magnitude = numerator * BigInteger.Pow(10, (int)scale);
        }
        else if (-scale >= numerator.GetBitLength())
        {
            // 10^-scale exceeds the numerator: a non-zero amount below one nano, rounded up to it.
            magnitude = BigInteger.One;
        }
        else
        {
            // Round away from zero: any remainder lifts the magnitude to the next nano.
            magnitude = BigInteger.DivRem(numerator, BigInteger.Pow(10, (int)-scale), out var remainder);
            if (!remainder.IsZero)
            {
                magnitude += BigInteger.One;
            }
        }

        if (format == QuantityFormat.BinarySI)
        {
            if (magnitude > MaxBinaryMagnitude)
            {
                magnitude = MaxBinaryMagnitude;
            }
            else if (magnitude < NanosPerUnit)
            {
                // Kubernetes: a binary amount between 0 and 1 is kept in DecimalSI to avoid rounding it.
                format = QuantityFormat.DecimalSI;
            }
        }

        if (magnitude > MaxMagnitude)
        {
            return ParseOutcome.OutOfRange;
        }

        var nanos = (Int128)magnitude;
        quantity = new Quantity(negative ? -nanos : nanos, format);
        return ParseOutcome.Parsed;
    }

    private static int SkipDigits(string text, int pos)
    {
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static bool TryInterpretSuffix(
        ReadOnlySpan<char> suffix, out int binaryExponent, out long decimalExponent, out QuantityFormat format)
    {
        binaryExponent = 0;
        decimalExponent = 0;
        format = QuantityFormat.DecimalSI;
        switch (suffix)
        {
            case "": return true;
            case "n": decimalExponent = -9; return true;
            case "u": decimalExponent = -6; return true;
            case "m": decimalExponent = -3; return true;
            case "k": decimalExponent = 3; return true;
            case "M": decimalExponent = 6; return true;
            case "G": decimalExponent = 9; return true;
            case "T": decimalExponent = 12; return true;
            case "P": decimalExponent = 15; return true;
            case "E": decimalExponent = 18; return true;
        }

        binaryExponent = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => 0,
        };
        if (binaryExponent > 0)
        {
            format = QuantityFormat.BinarySI;
            return true;
        }

        // As Kubernetes: "e" or "E" then a signed 64-bit integer ("e3", "E+6", "e-9").
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            decimalExponent = exponent;
            format = QuantityFormat.DecimalExponent;
            return true;
        }

        return false;
    }

    private static bool TryFormatBinary(UInt128 magnitude, out string text)
    {
        // Kubernetes writes small or fractional binary amounts in DecimalSI so nothing is rounded.
        if (magnitude < (UInt128)1024 * NanosPerUnit || magnitude % NanosPerUnit != UInt128.Zero)
        {
            text = string.Empty;
            return false;
        }

        var units = magnitude / NanosPerUnit;
        var power = 0;

        // Stop at Ei: there is no larger binary suffix to carry the remaining factors of 1024.
        while (power < BinarySuffixes.Length - 1 && units % 1024 == UInt128.Zero)
        {
            units /= 1024;
            power++;
        }

        text = units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
        return true;
    }

    private static string FormatDecimal(UInt128 magnitude, bool exponentNotation)
    {
        var mantissa = magnitude;
        var exponent = -9;
        while (mantissa % 10 == UInt128.Zero)
        {
            mantissa /= 10;
            exponent++;
        }

        // Lower the exponent to a multiple of three. The exponent started at -9, so at most as many
        // factors of ten go back as were just taken out: this cannot overflow.
        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }

        var digits = mantissa.ToString(CultureInfo.InvariantCulture);
        if (exponentNotation || exponent > 18)
        {
            return exponent == 0 ? digits : digits + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        }

        return digits + DecimalSuffixes[(exponent + 9) / 3];
    }

    private static UInt128 Magnitude(Int128 value) =>
        value < Int128.Zero ? (UInt128)(-(value + Int128.One)) + UInt128.One : (UInt128)value;

    private static long DivideAwayFromZeroSaturating(Int128 nanos, long divisor)
    {
        var (quotient, remainder) = Int128.DivRem(nanos, divisor);
        if (remainder != Int128.Zero)
        {
            quotient += Int128.Sign(nanos);
        }

        if (quotient > long.MaxValue)
        {
            return long.MaxValue;
        }

        return quotient < long.MinValue ? long.MinValue : (long)quotient;
    }

    private static void ThrowIfUndefined(QuantityFormat format)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined quantity format.");
        }
    }
}
