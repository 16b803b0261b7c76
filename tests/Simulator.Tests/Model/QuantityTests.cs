using System.Globalization;
using Simulator.Model;

namespace Simulator.Tests.Model;

// Expectations come from Kubernetes' k8s.io/apimachinery/pkg/api/resource quantity_test.go,
// quantity_golden_test.go and its decode corpus, except where a row says it departs on purpose.
public class QuantityTests
{
    private const string FormatError =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private const string SuffixError = "unable to parse quantity's suffix";

    [Theory]
    [InlineData("a bare integer is DecimalSI", "1", "1000000000", QuantityFormat.DecimalSI)]
    [InlineData("n is nano", "5n", "5", QuantityFormat.DecimalSI)]
    [InlineData("u is micro", "4u", "4000", QuantityFormat.DecimalSI)]
    [InlineData("m is milli", "3m", "3000000", QuantityFormat.DecimalSI)]
    [InlineData("k is kilo, lower case", "8k", "8000000000000", QuantityFormat.DecimalSI)]
    [InlineData("M is mega", "7M", "7000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("G is giga", "6G", "6000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("T is tera", "5T", "5000000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("P is peta", "2P", "2000000000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("E is exa, not an exponent", "1E", "1000000000000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("Ki is 2^10", "1Ki", "1024000000000", QuantityFormat.BinarySI)]
    [InlineData("Mi is 2^20", "7Mi", "7340032000000000", QuantityFormat.BinarySI)]
    [InlineData("Gi is 2^30", "6Gi", "6442450944000000000", QuantityFormat.BinarySI)]
    [InlineData("Ti is 2^40", "5Ti", "5497558138880000000000", QuantityFormat.BinarySI)]
    [InlineData("Pi is 2^50", "4Pi", "4503599627370496000000000", QuantityFormat.BinarySI)]
    [InlineData("Ei is 2^60", "3Ei", "3458764513820540928000000000", QuantityFormat.BinarySI)]
    [InlineData("lower-case e is a decimal exponent", "2e3", "2000000000000", QuantityFormat.DecimalExponent)]
    [InlineData("upper-case E followed by digits is a decimal exponent", "1E6", "1000000000000000", QuantityFormat.DecimalExponent)]
    [InlineData("an exponent may be negative", "1E-3", "1000000", QuantityFormat.DecimalExponent)]
    [InlineData("an exponent may carry a plus sign", "1.3E+6", "1300000000000000", QuantityFormat.DecimalExponent)]
    [InlineData("an exponent may have leading zeros", "1e03", "1000000000000", QuantityFormat.DecimalExponent)]
    [InlineData("a fraction with an exponent", "0.5e-2", "5000000", QuantityFormat.DecimalExponent)]
    [InlineData("a minus sign negates", "-1", "-1000000000", QuantityFormat.DecimalSI)]
    [InlineData("a plus sign is allowed", "+1", "1000000000", QuantityFormat.DecimalSI)]
    [InlineData("a negative binary fraction", "-1.5Gi", "-1610612736000000000", QuantityFormat.BinarySI)]
    [InlineData("a negative milli value", "-100m", "-100000000", QuantityFormat.DecimalSI)]
    [InlineData("a decimal fraction", "1.5", "1500000000", QuantityFormat.DecimalSI)]
    [InlineData("a fraction without integer digits", "0.5", "500000000", QuantityFormat.DecimalSI)]
    [InlineData("a leading point", ".5", "500000000", QuantityFormat.DecimalSI)]
    [InlineData("a trailing point", "5.", "5000000000", QuantityFormat.DecimalSI)]
    [InlineData("a trailing point before a suffix", "1.G", "1000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("a fraction with a suffix", "100.035k", "100035000000000", QuantityFormat.DecimalSI)]
    [InlineData("a fraction with a binary suffix", "0.05Gi", "53687091200000000", QuantityFormat.BinarySI)]
    [InlineData("leading zeros are ignored", "007", "7000000000", QuantityFormat.DecimalSI)]
    [InlineData("leading zeros before a binary suffix", "01Ki", "1024000000000", QuantityFormat.BinarySI)]
    [InlineData("zero", "0", "0", QuantityFormat.DecimalSI)]
    [InlineData("zero keeps a binary format", "0Mi", "0", QuantityFormat.BinarySI)]
    [InlineData("negative zero is zero", "-0", "0", QuantityFormat.DecimalSI)]
    [InlineData("zero with an absurd exponent is zero", "0e99999999999", "0", QuantityFormat.DecimalExponent)]
    [InlineData("finer than nano rounds up", "3.001n", "4", QuantityFormat.DecimalSI)]
    [InlineData("below one nano rounds up to one nano", "0.9n", "1", QuantityFormat.DecimalSI)]
    [InlineData("rounding applies to exponent forms", "1.1E-9", "2", QuantityFormat.DecimalExponent)]
    [InlineData("eleven fractional digits round up at the ninth", "0.00000012345", "124", QuantityFormat.DecimalSI)]
    [InlineData("a fifteenth-place digit still rounds up", "0.000000000000001", "1", QuantityFormat.DecimalSI)]
    [InlineData("negative values round away from zero", "-3.001n", "-4", QuantityFormat.DecimalSI)]
    [InlineData("a tiny binary amount rounds up and becomes DecimalSI", "0.000000000001Ki", "2", QuantityFormat.DecimalSI)]
    [InlineData("a huge negative exponent rounds up to one nano", "1e-1000", "1", QuantityFormat.DecimalExponent)]
    [InlineData("the most negative 64-bit exponent rounds up to one nano", "1e-9223372036854775808", "1", QuantityFormat.DecimalExponent)]
    [InlineData("many fractional digits with a large exponent", "0.00000000000000000000000000000000000000001e50", "1000000000000000000", QuantityFormat.DecimalExponent)]
    [InlineData("a binary amount is capped at 2^63-1", "8Ei", "9223372036854775807000000000", QuantityFormat.BinarySI)]
    [InlineData("a long binary amount is capped at 2^63-1", "9223372036854775807Ki", "9223372036854775807000000000", QuantityFormat.BinarySI)]
    [InlineData("a negative binary amount is capped at -(2^63-1)", "-20Ei", "-9223372036854775807000000000", QuantityFormat.BinarySI)]
    [InlineData("a decimal amount is not capped at 2^63-1", "12E", "12000000000000000000000000000", QuantityFormat.DecimalSI)]
    [InlineData("2^64 keeps its value", "18446744073709551616", "18446744073709551616000000000", QuantityFormat.DecimalSI)]
    public void Parse_ValidText_ExactNanosAndFormat(string description, string text, string nanos, QuantityFormat format)
    {
        var quantity = Quantity.Parse(text);

        quantity.Nanos.ShouldBe(Int128.Parse(nanos, CultureInfo.InvariantCulture), description);
        quantity.Format.ShouldBe(format, description);
        Quantity.TryParse(text, out var tried).ShouldBeTrue(description);
        tried.Nanos.ShouldBe(quantity.Nanos, description);
        tried.Format.ShouldBe(format, description);
    }

    [Theory]
    [InlineData("a letter that is no suffix", "100x", FormatError)]
    [InlineData("the empty string", "", FormatError)]
    [InlineData("two decimal points", "1.2.3", FormatError)]
    [InlineData("a suffix without a number (Kubernetes reads it as 0; rejected on purpose)", "Mi", FormatError)]
    [InlineData("a lone point (Kubernetes reads it as 0; rejected on purpose)", ".", FormatError)]
    [InlineData("a lone sign (Kubernetes reads it as 0; rejected on purpose)", "-", FormatError)]
    [InlineData("a space before the suffix", "1 Mi", FormatError)]
    [InlineData("leading white space", " 1", FormatError)]
    [InlineData("trailing white space", "1 ", FormatError)]
    [InlineData("words", "aoeu", FormatError)]
    [InlineData("a point after the suffix", "1.1.M", FormatError)]
    [InlineData("a sign in the middle", "1+1.0M", FormatError)]
    [InlineData("a non-suffix letter after a fraction", "0.1am", FormatError)]
    [InlineData("a fractional exponent", "1e3.5", FormatError)]
    [InlineData("a doubled sign reads the second sign as a suffix", "--1", SuffixError)]
    [InlineData("a lower-case binary suffix", "0.1mi", SuffixError)]
    [InlineData("a bare i", "1i", SuffixError)]
    [InlineData("a bare i after a fraction", ".5i", SuffixError)]
    [InlineData("a negative bare i", "-3.01i", SuffixError)]
    [InlineData("an exponent sign without digits", "-3.01e-", SuffixError)]
    [InlineData("an exponent letter without digits", "1e", SuffixError)]
    [InlineData("upper-case K is not kilo", "1K", SuffixError)]
    [InlineData("a suffix followed by digits", "1m5", SuffixError)]
    [InlineData("two suffixes", "1kMi", SuffixError)]
    [InlineData("an exponent beyond 64 bits", "1e99999999999999999999", SuffixError)]
    public void Parse_InvalidText_ThrowsWithKubernetesMessage(string description, string text, string message)
    {
        var error = Should.Throw<FormatException>(() => Quantity.Parse(text), description);

        error.Message.ShouldBe(message, description);
        Quantity.TryParse(text, out var quantity).ShouldBeFalse(description);
        quantity.ShouldBe(Quantity.Zero, description);
    }

    [Fact]
    public void ErrorMessages_MatchKubernetesText()
    {
        Quantity.FormatErrorMessage.ShouldBe(FormatError);
        Quantity.SuffixErrorMessage.ShouldBe(SuffixError);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Should.Throw<ArgumentNullException>(() => Quantity.Parse(null!));
        Quantity.TryParse(null, out var quantity).ShouldBeFalse();
        quantity.ShouldBe(Quantity.Zero);
    }

    [Theory]
    [InlineData("a decimal amount beyond Int128 nanos", "1e30")]
    [InlineData("a negative decimal amount beyond Int128 nanos", "-200000000000E")]
    [InlineData("a huge positive exponent", "1e1000000000")]
    [InlineData("the largest 64-bit exponent", "1e9223372036854775807")]
    public void Parse_OutOfRange_ThrowsOverflow(string description, string text)
    {
        Should.Throw<OverflowException>(() => Quantity.Parse(text), description);
        Quantity.TryParse(text, out _).ShouldBeFalse(description);
    }

    [Fact]
    public void Parse_LargestDecimal_IsAccepted()
    {
        Quantity.Parse("1e29").ToString().ShouldBe("100e27");
        Quantity.Parse("100000000000E").ToString().ShouldBe("100e27");
    }

    [Theory]
    [InlineData("a decimal fraction uses milli", "1.5", "1500m")]
    [InlineData("a tenth uses milli", "0.1", "100m")]
    [InlineData("1024Mi is 1Gi", "1024Mi", "1Gi")]
    [InlineData("1.5Gi is 1536Mi", "1.5Gi", "1536Mi")]
    [InlineData("1536Mi has no larger exact binary suffix", "1536Mi", "1536Mi")]
    [InlineData("a decimal exponent keeps its format", "2e3", "2e3")]
    [InlineData("a decimal suffix is kept", "1G", "1G")]
    [InlineData("1000 milli is 1", "1000m", "1")]
    [InlineData("zero", "0", "0")]
    [InlineData("zero with a binary suffix", "0Mi", "0")]
    [InlineData("zero with an exponent", "00e5", "0")]
    [InlineData("negative zero", "-0", "0")]
    [InlineData("1000M is 1G", "1000M", "1G")]
    [InlineData("0.001T is 1G", "0.001T", "1G")]
    [InlineData("1000u is 1m", "1000u", "1m")]
    [InlineData("1.08 uses milli", "1.08", "1080m")]
    [InlineData("nanos that are whole millis use milli", "1080000000n", "1080m")]
    [InlineData("80m stays", "80m", "80m")]
    [InlineData("300M stays", "300M", "300M")]
    [InlineData("1234567M has no larger exact suffix", "1234567M", "1234567M")]
    [InlineData("3k stays", "3k", "3k")]
    [InlineData("1n stays", "1n", "1n")]
    [InlineData("1080n stays", "1080n", "1080n")]
    [InlineData("1080u stays", "1080u", "1080u")]
    [InlineData("1Ki stays", "1Ki", "1Ki")]
    [InlineData("307200Ki is 300Mi", "307200Ki", "300Mi")]
    [InlineData("1025024Mi is 1001Gi", "1025024Mi", "1001Gi")]
    [InlineData("1024Gi is 1Ti", "1024Gi", "1Ti")]
    [InlineData("a binary amount below 1024 is written in DecimalSI", "0.5Ki", "512")]
    [InlineData("a binary thousandth is written in DecimalSI", ".001Ki", "1024m")]
    [InlineData("a binary millionth is written in DecimalSI", ".000001Ki", "1024u")]
    [InlineData("a binary billionth is written in DecimalSI", ".000000001Ki", "1024n")]
    [InlineData("a binary amount finer than nano rounds up", ".000000000001Ki", "2n")]
    [InlineData("a negative binary fraction", "-9.5Gi", "-9728Mi")]
    [InlineData("a negative binary amount that is not whole units", "-9.5000000001Gi", "-10200547328107374183n")]
    [InlineData("8Ei is capped at 2^63-1", "8Ei", "9223372036854775807")]
    [InlineData("-20Ei is capped at -(2^63-1)", "-20Ei", "-9223372036854775807")]
    [InlineData("1E stays", "1E", "1E")]
    [InlineData("12E stays", "12E", "12E")]
    [InlineData("100E stays", "100E", "100E")]
    [InlineData("beyond E falls back to an exponent", "1000E", "1e21")]
    [InlineData("5000E falls back to an exponent", "5000E", "5e21")]
    [InlineData("a million E falls back to an exponent", "1000000E", "1e24")]
    [InlineData("an exponent is lowered to a multiple of three", ".001e12", "1e9")]
    [InlineData("a negative exponent", "0.001e0", "1e-3")]
    [InlineData("a nano exponent", "1000e-12", "1e-9")]
    [InlineData("finer than nano in exponent form rounds up", "1e-10", "1e-9")]
    [InlineData("an exponent form with milli digits", "80e-3", "80e-3")]
    [InlineData("an exponent form with mega digits", "300e6", "300e6")]
    [InlineData("an exponent of zero is omitted", "15e2", "1500")]
    [InlineData("a fractional mantissa with an exponent", "1.5e3", "1500")]
    [InlineData("a negative decimal", "-1.5", "-1500m")]
    [InlineData("2^63 exceeds int64 yet is exact", "9223372036854775808", "9223372036854775808")]
    [InlineData("2^64 exceeds int64 yet is exact", "18446744073709551616", "18446744073709551616")]
    [InlineData("a fifteenth-place digit becomes one nano", "0.000000000000001", "1n")]
    [InlineData("three fractional digits (Kubernetes echoes 1.441; canonical on purpose)", "1.441", "1441m")]
    [InlineData("six fractional digits (Kubernetes echoes the input; canonical on purpose)", "1.000001", "1000001u")]
    [InlineData("a plus sign (Kubernetes echoes +1; canonical on purpose)", "+1", "1")]
    [InlineData("leading zeros (Kubernetes echoes 01Ki; canonical on purpose)", "01Ki", "1Ki")]
    public void ToString_ParsedText_KubernetesCanonicalForm(string description, string text, string expected)
    {
        var quantity = Quantity.Parse(text);

        quantity.ToString().ShouldBe(expected, description);
        var reparsed = Quantity.Parse(quantity.ToString());
        reparsed.ShouldBe(quantity, description);
        reparsed.ToString().ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("one milli", 1L, QuantityFormat.DecimalSI, "1m")]
    [InlineData("a thousand milli is one", 1000L, QuantityFormat.DecimalSI, "1")]
    [InlineData("whole units drop the suffix", 1234000L, QuantityFormat.DecimalSI, "1234")]
    [InlineData("a binary amount that is not whole units is written in DecimalSI", 1024L, QuantityFormat.BinarySI, "1024m")]
    [InlineData("a larger fractional binary amount is written in DecimalSI", 1024L * 1024, QuantityFormat.BinarySI, "1048576m")]
    [InlineData("a decimal exponent", 1000000L, QuantityFormat.DecimalExponent, "1e3")]
    [InlineData("a negative milli amount", -1500L, QuantityFormat.DecimalSI, "-1500m")]
    [InlineData("zero", 0L, QuantityFormat.BinarySI, "0")]
    public void FromMilli_Value_KubernetesString(string description, long milli, QuantityFormat format, string expected)
    {
        var quantity = Quantity.FromMilli(milli, format);

        quantity.ToString().ShouldBe(expected, description);
        quantity.Format.ShouldBe(format, description);
        quantity.MilliValue.ShouldBe(milli, description);
    }

    [Theory]
    [InlineData("one", 1L, QuantityFormat.DecimalSI, "1")]
    [InlineData("a thousand is 1k", 1000L, QuantityFormat.DecimalSI, "1k")]
    [InlineData("a thousand thousands and more", 1234000L, QuantityFormat.DecimalSI, "1234k")]
    [InlineData("1024 in binary is 1Ki", 1024L, QuantityFormat.BinarySI, "1Ki")]
    [InlineData("a million as an exponent", 1000000L, QuantityFormat.DecimalExponent, "1e6")]
    [InlineData("2^20 in binary is 1Mi", 1024L * 1024, QuantityFormat.BinarySI, "1Mi")]
    [InlineData("a small binary amount is written in DecimalSI", 5L, QuantityFormat.BinarySI, "5")]
    [InlineData("a binary amount with no factor of 1024", 1025L, QuantityFormat.BinarySI, "1025")]
    [InlineData("the smallest long", long.MinValue, QuantityFormat.DecimalSI, "-9223372036854775808")]
    [InlineData("the largest long in binary", long.MaxValue, QuantityFormat.BinarySI, "9223372036854775807")]
    public void FromValue_Value_KubernetesString(string description, long value, QuantityFormat format, string expected)
    {
        var quantity = Quantity.FromValue(value, format);

        quantity.ToString().ShouldBe(expected, description);
        quantity.Format.ShouldBe(format, description);
        quantity.Value.ShouldBe(value, description);
        Quantity.Parse(expected).ShouldBe(quantity, description);
    }

    [Fact]
    public void FromValueAndFromMilli_DefaultFormat_IsDecimalSI()
    {
        Quantity.FromValue(1000).Format.ShouldBe(QuantityFormat.DecimalSI);
        Quantity.FromMilli(1500).Format.ShouldBe(QuantityFormat.DecimalSI);
        Quantity.FromMilli(1500).ShouldBe(Quantity.Parse("1.5"));
    }

    [Fact]
    public void FromValueAndFromMilli_UndefinedFormat_ThrowsArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Quantity.FromValue(1, (QuantityFormat)42));
        Should.Throw<ArgumentOutOfRangeException>(() => Quantity.FromMilli(1, (QuantityFormat)(-1)));
    }

    [Theory]
    [InlineData("a fraction of a milli rounds up", "1.5m", 2L)]
    [InlineData("one nano rounds up to one milli", "1n", 1L)]
    [InlineData("a whole milli is exact", "1m", 1L)]
    [InlineData("one unit is a thousand milli", "1", 1000L)]
    [InlineData("1Ki in milli", "1Ki", 1024000L)]
    [InlineData("zero", "0", 0L)]
    [InlineData("a negative fraction rounds away from zero", "-1.5m", -2L)]
    [InlineData("minus one nano rounds away from zero", "-1n", -1L)]
    [InlineData("the largest long saturates in milli", "9223372036854775807", long.MaxValue)]
    [InlineData("a huge amount saturates", "1e20", long.MaxValue)]
    [InlineData("a huge negative amount saturates", "-1e20", long.MinValue)]
    [InlineData("the largest exact milli value", "9223372036854775807m", long.MaxValue)]
    [InlineData("the smallest exact milli value", "-9223372036854775808m", long.MinValue)]
    public void MilliValue_Quantity_RoundsUpAndSaturates(string description, string text, long expected)
    {
        Quantity.Parse(text).MilliValue.ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("100m rounds up to one", "100m", 1L)]
    [InlineData("one", "1", 1L)]
    [InlineData("a half rounds up", "1.5", 2L)]
    [InlineData("one nano rounds up to one", "1n", 1L)]
    [InlineData("1Ki", "1Ki", 1024L)]
    [InlineData("1Gi", "1Gi", 1073741824L)]
    [InlineData("zero", "0", 0L)]
    [InlineData("a negative fraction rounds away from zero", "-1.5", -2L)]
    [InlineData("a negative milli rounds away from zero", "-100m", -1L)]
    [InlineData("the largest long", "9223372036854775807", long.MaxValue)]
    [InlineData("2^63 saturates", "9223372036854775808", long.MaxValue)]
    [InlineData("the smallest long", "-9223372036854775808", long.MinValue)]
    [InlineData("below the smallest long saturates", "-9223372036854775809", long.MinValue)]
    [InlineData("a huge amount saturates", "1e20", long.MaxValue)]
    [InlineData("the binary cap is the largest long", "8Ei", long.MaxValue)]
    public void Value_Quantity_RoundsUpAndSaturates(string description, string text, long expected)
    {
        Quantity.Parse(text).Value.ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("binary and plain forms of 2^30", "1Gi", "1073741824")]
    [InlineData("milli and plain forms of one", "1000m", "1")]
    [InlineData("SI suffix and exponent forms", "1k", "1e3")]
    [InlineData("exa suffix and exponent forms", "1E", "1e18")]
    [InlineData("a binary fraction and its decimal value", "0.5Ki", "512")]
    [InlineData("zero in every format", "0", "0Mi")]
    [InlineData("zero and an exponent zero", "0", "0e9")]
    [InlineData("a tenth and 100m", "0.1", "100m")]
    [InlineData("1024Mi and 1Gi", "1024Mi", "1Gi")]
    [InlineData("nano and micro forms", "1000n", "1u")]
    [InlineData("negative binary and plain forms", "-1Ki", "-1024")]
    public void Equality_SameAmountDifferentFormats_AreEqual(string description, string left, string right)
    {
        var a = Quantity.Parse(left);
        var b = Quantity.Parse(right);

        a.Equals(b).ShouldBeTrue(description);
        a.Equals((object)b).ShouldBeTrue(description);
        (a == b).ShouldBeTrue(description);
        (a != b).ShouldBeFalse(description);
        a.GetHashCode().ShouldBe(b.GetHashCode(), description);
        a.CompareTo(b).ShouldBe(0, description);
        (a <= b && a >= b).ShouldBeTrue(description);
        (a < b || a > b).ShouldBeFalse(description);
    }

    [Theory]
    [InlineData("kilo and kibi differ", "1k", "1Ki")]
    [InlineData("one nano apart", "1", "1000000001n")]
    [InlineData("sign matters", "1", "-1")]
    public void Equality_DifferentAmounts_AreNotEqual(string description, string left, string right)
    {
        var a = Quantity.Parse(left);
        var b = Quantity.Parse(right);

        a.Equals(b).ShouldBeFalse(description);
        a.Equals((object)b).ShouldBeFalse(description);
        (a == b).ShouldBeFalse(description);
        (a != b).ShouldBeTrue(description);
    }

    [Fact]
    public void Equals_OtherType_IsFalse()
    {
        Quantity.Parse("1").Equals("1").ShouldBeFalse();
        Quantity.Parse("1").Equals(null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("milli amounts", "50m", "100m")]
    [InlineData("binary below decimal", "100Gi", "10000T")]
    [InlineData("negative below zero", "-1", "0")]
    [InlineData("nano below micro", "1n", "1u")]
    [InlineData("giga below gibi", "1G", "1Gi")]
    [InlineData("kilo below kibi", "1k", "1Ki")]
    [InlineData("one nano apart", "1", "1000000001n")]
    [InlineData("more negative is smaller", "-2Ki", "-2k")]
    [InlineData("exponent form below SI form", "999e15", "1E")]
    public void Ordering_SmallerThenLarger_ComparesByAmount(string description, string smaller, string larger)
    {
        var a = Quantity.Parse(smaller);
        var b = Quantity.Parse(larger);

        a.CompareTo(b).ShouldBeLessThan(0, description);
        b.CompareTo(a).ShouldBeGreaterThan(0, description);
        (a < b).ShouldBeTrue(description);
        (a <= b).ShouldBeTrue(description);
        (b > a).ShouldBeTrue(description);
        (b >= a).ShouldBeTrue(description);
        (a > b).ShouldBeFalse(description);
        (a >= b).ShouldBeFalse(description);
    }

    [Fact]
    public void Sort_MixedFormats_OrdersByAmount()
    {
        var sorted = new[] { "1Gi", "1G", "-1", "100m", "0", "1e3", "1Ki", "1n" }
            .Select(Quantity.Parse)
            .Order()
            .Select(q => q.ToString());

        sorted.ShouldBe(["-1", "0", "1n", "100m", "1e3", "1Ki", "1G", "1Gi"]);
    }

    [Theory]
    [InlineData("binary amounts add exactly", "1Gi", "512Mi", "1536Mi", QuantityFormat.BinarySI)]
    [InlineData("milli amounts add up to one", "100m", "900m", "1", QuantityFormat.DecimalSI)]
    [InlineData("the left format wins", "1Gi", "1G", "2073741824", QuantityFormat.BinarySI)]
    [InlineData("the left format wins the other way", "1e3", "1k", "2e3", QuantityFormat.DecimalExponent)]
    [InlineData("adding zero keeps milli", "100m", "0", "100m", QuantityFormat.DecimalSI)]
    [InlineData("adding zero keeps binary", "1Gi", "0", "1Gi", QuantityFormat.BinarySI)]
    [InlineData("zero plus a binary amount takes its format, as Kubernetes does", "0", "1Gi", "1Gi", QuantityFormat.BinarySI)]
    [InlineData("zero plus a milli amount", "0", "100m", "100m", QuantityFormat.DecimalSI)]
    [InlineData("nano amounts add exactly", "1n", "999999999n", "1", QuantityFormat.DecimalSI)]
    public void Add_TwoQuantities_ExactSum(string description, string left, string right, string expected, QuantityFormat format)
    {
        var sum = Quantity.Parse(left) + Quantity.Parse(right);

        sum.ToString().ShouldBe(expected, description);
        sum.Format.ShouldBe(format, description);
    }

    [Theory]
    [InlineData("a difference below zero", "1", "1500m", "-500m", QuantityFormat.DecimalSI)]
    [InlineData("binary amounts subtract exactly", "2Gi", "512Mi", "1536Mi", QuantityFormat.BinarySI)]
    [InlineData("the left format wins", "2Gi", "1G", "1147483648", QuantityFormat.BinarySI)]
    [InlineData("subtracting zero keeps the suffix", "1Gi", "0", "1Gi", QuantityFormat.BinarySI)]
    [InlineData("zero minus a binary amount takes its format, as Kubernetes does", "0", "1Gi", "-1Gi", QuantityFormat.BinarySI)]
    [InlineData("zero minus a milli amount", "0", "100m", "-100m", QuantityFormat.DecimalSI)]
    [InlineData("equal amounts leave zero", "1Ki", "1024", "0", QuantityFormat.BinarySI)]
    public void Subtract_TwoQuantities_ExactDifference(string description, string left, string right, string expected, QuantityFormat format)
    {
        var difference = Quantity.Parse(left) - Quantity.Parse(right);

        difference.ToString().ShouldBe(expected, description);
        difference.Format.ShouldBe(format, description);
    }

    [Fact]
    public void Add_BeyondRange_ThrowsOverflow()
    {
        var big = Quantity.Parse("1e29");

        Should.Throw<OverflowException>(() => big + big);
        Should.Throw<OverflowException>(() => Quantity.Zero - big - big);
    }

    [Fact]
    public void Zero_DefaultValue_IsZeroInDecimalSI()
    {
        var zero = default(Quantity);

        zero.ShouldBe(Quantity.Zero);
        zero.IsZero.ShouldBeTrue();
        zero.Sign.ShouldBe(0);
        zero.Format.ShouldBe(QuantityFormat.DecimalSI);
        zero.ToString().ShouldBe("0");
        zero.Value.ShouldBe(0);
        zero.MilliValue.ShouldBe(0);
    }

    [Theory]
    [InlineData("a positive amount", "5Ki", 1)]
    [InlineData("the smallest positive amount", "1n", 1)]
    [InlineData("zero", "0", 0)]
    [InlineData("negative zero", "-0Mi", 0)]
    [InlineData("the largest negative amount", "-1n", -1)]
    [InlineData("a negative amount", "-100m", -1)]
    public void Sign_Quantity_MatchesAmount(string description, string text, int sign)
    {
        var quantity = Quantity.Parse(text);

        quantity.Sign.ShouldBe(sign, description);
        quantity.IsZero.ShouldBe(sign == 0, description);
    }
}
