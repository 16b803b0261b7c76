using System.Globalization;
using System.Text;
using Simulator.Model;

namespace Simulator.Validation;

/// <summary>
/// Renders bad values the way the API server prints them inside a field error, so that simulated messages read exactly
/// like Kubernetes' own.
/// </summary>
/// <remarks>
/// <para>
/// The target is the rendering of Kubernetes v1.32/v1.33 (<c>field.Error.ErrorBody</c> before v1.34 switched composite
/// values to JSON): strings are quoted as Go's <c>%q</c> does, integers and booleans are plain, a type whose pointer has a
/// <c>String()</c> method (quantities, int-or-strings) prints that string unquoted, and anything else prints as Go's
/// <c>%#v</c>, e.g. <c>map[string]string{"name":"fluentd"}</c> or <c>v1.LabelSelector{MatchLabels:..., MatchExpressions:...}</c>.
/// </para>
/// <para>
/// Go prints a non-nil pointer inside <c>%#v</c> as its memory address, which changes from run to run. The simulator
/// prints the fixed stand-in <see cref="PointerStandIn"/> instead, so its messages stay deterministic.
/// The model cannot tell an absent map or list from an empty one; both render as Go's nil form (<c>map[string]string(nil)</c>).
/// </para>
/// </remarks>
internal static class GoSyntax
{
    /// <summary>The address printed for every non-nil pointer inside a <c>%#v</c> rendering.</summary>
    public const string PointerStandIn = "0xc000000000";

    /// <summary>Go's <c>%q</c>: double quotes, with backslash escapes for quotes, backslashes and control characters.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>An integer as Go's <c>%v</c> prints it.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>map[string]string</c> as <c>%#v</c> prints it: keys sorted, <c>"k":"v"</c> pairs joined by <c>", "</c>.</summary>
    public static string Map(StringMap map)
    {
        if (map.IsEmpty)
        {
            return "map[string]string(nil)";
        }

        var sb = new StringBuilder("map[string]string{");
        var first = true;
        foreach (var pair in map)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(Quote(pair.Key)).Append(':').Append(Quote(pair.Value));
        }

        return sb.Append('}').ToString();
    }

    /// <summary>A <c>[]string</c> as <c>%#v</c> prints it.</summary>
    public static string Strings(EquatableArray<string> values) =>
        values.IsEmpty ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(Quote)) + "}";

    /// <summary>A label selector (<c>metav1.LabelSelector</c>) as <c>%#v</c> prints it.</summary>
    public static string Selector(LabelSelector selector)
    {
        var expressions = selector.MatchExpressions.IsEmpty
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", selector.MatchExpressions.Select(r =>
                $"v1.LabelSelectorRequirement{{Key:{Quote(r.Key)}, Operator:{Quote(r.Operator)}, Values:{Strings(r.Values)}}}")) + "}";
        return $"v1.LabelSelector{{MatchLabels:{Map(selector.MatchLabels)}, MatchExpressions:{expressions}}}";
    }

    /// <summary>An int-or-string through its <c>String()</c> method: the string unquoted, or the integer.</summary>
    public static string IntOrString(IntOrString? value) => value switch
    {
        null => "0",
        { StringValue: { } s } => s,
        { IntValue: { } i } => Int(i),
        _ => "0",
    };

    /// <summary>A nil or non-nil pointer field inside a <c>%#v</c> rendering, e.g. <c>(*bool)(nil)</c>.</summary>
    public static string Pointer(string type, bool isNil) => $"(*{type})({(isNil ? "nil" : PointerStandIn)})";
}

/// <summary>A field path such as <c>spec.template.spec.containers[0].ports[1].hostPort</c>, built as apimachinery's <c>field.Path</c>.</summary>
/// <remarks>
/// Validation walks every field of every object it is given, but renders a path only for an error. So a path keeps its last
/// step inline and the steps before it as a chain of segments, rendered to text on demand: a valid object costs a segment
/// per level descended into, not a string per field visited.
/// </remarks>
internal readonly struct FieldPath
{
    // The default path is the empty root; list indexes are stored one up, so that zero means empty.
    private const int Empty = 0;

    private readonly Segment? _parent;
    private readonly string? _text;
    private readonly int _kind;

    /// <summary>A path starting at <paramref name="value"/> (already rendered); empty for the root.</summary>
    public FieldPath(string value)
        : this(null, value, value.Length == 0 ? Empty : Segment.Root)
    {
    }

    private FieldPath(Segment? parent, string? text, int kind)
    {
        _parent = parent;
        _text = text;
        _kind = kind;
    }

    /// <summary>The rendered path; empty for the root.</summary>
    public string Value => Step()?.Render() ?? "";

    /// <summary>A child field.</summary>
    public FieldPath Child(string name) => new(Step(), name, Segment.Field);

    /// <summary>Several nested child fields.</summary>
    public FieldPath Child(string name, params ReadOnlySpan<string> more)
    {
        var path = Child(name);
        foreach (var m in more)
        {
            path = path.Child(m);
        }

        return path;
    }

    /// <summary>A list element: <c>[i]</c>.</summary>
    public FieldPath Index(int index) => new(Step(), null, index + 1);

    /// <summary>A map entry: <c>[key]</c>, unquoted as Kubernetes prints it.</summary>
    public FieldPath Key(string key) => new(Step(), key, Segment.MapKey);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>The path as a string.</summary>
    public static implicit operator string(FieldPath path) => path.Value;

    private Segment? Step() => _kind == Empty ? null : new Segment(_parent, _text, _kind);

    /// <summary>One step of a path: a field name, a map key, or a list index (kind above zero, the index plus one).</summary>
    private sealed class Segment(Segment? parent, string? text, int kind)
    {
        public const int Root = -1;
        public const int Field = -2;
        public const int MapKey = -3;

        private string? _rendered;

        public string Render() => _rendered ??= kind switch
        {
            Root => text!,
            Field => parent is null ? text! : parent.Render() + "." + text,
            MapKey => (parent?.Render() ?? "") + "[" + text + "]",
            _ => (parent?.Render() ?? "") + "[" + (kind - 1).ToString(CultureInfo.InvariantCulture) + "]",
        };
    }
}
