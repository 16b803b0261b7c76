using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;

namespace Simulator.Kubernetes.Output;

/// <summary>
/// <c>-o json</c> and <c>-o yaml</c> in the shape kubectl prints: keys in alphabetical order (kubectl prints from unstructured
/// maps), JSON indented by four spaces, YAML in goyaml's block style, timestamps as whole-second RFC 3339, and several objects
/// wrapped in a <c>v1 List</c>.
/// </summary>
public static partial class KubectlOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The object as kubectl's JSON tree: sorted keys, nulls and empty values the API server omits left out.</summary>
    /// <param name="obj">A KubernetesClient object.</param>
    /// <returns>The JSON tree.</returns>
    public static JsonObject ToJson(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj)) as JsonObject ?? [];
        return (JsonObject)Sort(node)!;
    }

    /// <summary>Renders objects as <c>kubectl get -o json</c> does.</summary>
    /// <param name="objects">The objects.</param>
    /// <param name="asList">Wrap them in a <c>v1 List</c> (kubectl does unless a single object was asked for by name).</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string Json(IReadOnlyList<IKubernetesObject> objects, bool asList) =>
        GoEscapes(Wrap(objects, asList).ToJsonString(Indented)) + "\n";

    // Go's encoding/json escapes <, > and & (and the two Unicode line separators); those characters only occur inside strings.
    private static string GoEscapes(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal)
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    /// <summary>Renders objects as <c>kubectl get -o yaml</c> does.</summary>
    /// <param name="objects">The objects.</param>
    /// <param name="asList">Wrap them in a <c>v1 List</c> (kubectl does unless a single object was asked for by name).</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string Yaml(IReadOnlyList<IKubernetesObject> objects, bool asList) => ToYaml(Wrap(objects, asList));

    /// <summary>Renders a JSON tree as goyaml's block-style YAML (keys in the order given).</summary>
    /// <param name="node">The tree.</param>
    /// <returns>The YAML text, ending with a newline.</returns>
    public static string ToYaml(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        WriteMapping(builder, node, 0);
        return builder.ToString();
    }

    private static JsonObject Wrap(IReadOnlyList<IKubernetesObject> objects, bool asList)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (!asList && objects.Count == 1)
        {
            return ToJson(objects[0]);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["items"] = new JsonArray(objects.Select(o => (JsonNode)ToJson(o)).ToArray()),
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
    }

    /// <summary>Sorts keys recursively and drops nulls, as kubectl's printers do.</summary>
    internal static JsonNode? Sort(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }

                    sorted[key] = Sort(value.DeepClone());
                }

                return sorted;
            case JsonArray array:
                return new JsonArray(array.Select(item => Sort(item?.DeepClone())).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text) && FractionalTimestamp().Match(text) is { Success: true } match:
                return JsonValue.Create(match.Groups[1].Value + "Z");
            default:
                return node;
        }
    }

    // ----- goyaml v2 block style -----

    private static void WriteMapping(StringBuilder builder, JsonObject obj, int indent)
    {
        foreach (var (key, value) in obj)
        {
            builder.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(builder, value, indent, inSequence: false);
        }
    }

    private static void WriteValue(StringBuilder builder, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                builder.Append(" {}\n");
                break;
            case JsonArray { Count: 0 }:
                builder.Append(" []\n");
                break;
            case JsonObject child:
                builder.Append('\n');
                WriteMapping(builder, child, indent + 2);
                break;
            case JsonArray items:
                builder.Append('\n');
                WriteSequence(builder, items, inSequence ? indent + 2 : indent);
                break;
            default:
                var text = ScalarText(value);
                if (text.Contains('\n', StringComparison.Ordinal))
                {
                    WriteLiteral(builder, text, indent + 2);
                }
                else
                {
                    builder.Append(' ').Append(Scalar(value)).Append('\n');
                }

                break;
        }
    }

    private static void WriteSequence(StringBuilder builder, JsonArray items, int indent)
    {
        foreach (var item in items)
        {
            builder.Append(' ', indent).Append('-');
            if (item is JsonObject { Count: > 0 } obj)
            {
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (first)
                    {
                        builder.Append(' ').Append(Scalar(key)).Append(':');
                        first = false;
                    }
                    else
                    {
                        builder.Append(' ', indent + 2).Append(Scalar(key)).Append(':');
                    }

                    WriteValue(builder, value, indent + 2, inSequence: false);
                }
            }
            else if (item is JsonArray { Count: > 0 } nested)
            {
                builder.Append('\n');
                WriteSequence(builder, nested, indent + 2);
            }
            else
            {
                WriteValue(builder, item, indent, inSequence: true);
            }
        }
    }

    private static void WriteLiteral(StringBuilder builder, string text, int indent)
    {
        builder.Append(text.EndsWith('\n') ? " |\n" : " |-\n");
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }

            builder.Append('\n');
        }
    }

    private static string ScalarText(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string Scalar(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => "null",
        };
    }

    /// <summary>A string as goyaml writes it: plain when that reads back as the same string, else single or double quoted.</summary>
    private static string Scalar(string text)
    {
        if (ResolvesToNonString(text))
        {
            return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        if (PlainAllowed(text))
        {
            return text;
        }

        return text.Any(char.IsControl)
            ? JsonSerializer.Serialize(text)
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool ResolvesToNonString(string text) =>
        text.Length == 0 || NonStringPattern().IsMatch(text) || TimestampPattern().IsMatch(text) || Base60Pattern().IsMatch(text);

    private static bool PlainAllowed(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Any(char.IsControl))
        {
            return false;
        }

        // '?' and ':' start an indicator only when a space follows (block context); the rest always do.
        if ("?:".Contains(text[0], StringComparison.Ordinal) ? text.Length == 1 || text[1] == ' ' : ",[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (text[0] == '-' && (text.Length == 1 || text[1] == ' '))
        {
            return false;
        }

        return !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal) && !text.EndsWith(':');
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.0+Z$")]
    private static partial Regex FractionalTimestamp();

    [GeneratedRegex(@"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?[0-9_]+|0x[0-9a-fA-F_]+|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|<<|=)$")]
    private static partial Regex NonStringPattern();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")]
    private static partial Regex Base60Pattern();

    [GeneratedRegex(@"^\d{4}-\d\d?-\d\d?([Tt ]|$)")]
    private static partial Regex TimestampPattern();
}
