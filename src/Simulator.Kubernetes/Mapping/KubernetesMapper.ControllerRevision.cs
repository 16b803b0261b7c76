using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes;

public static partial class KubernetesMapper
{
    private const string DataPath = "data.spec.template";
    private const string PatchKey = "$patch";

    /// <summary>Maps a ControllerRevision into the model: metadata, revision and the pod template stored in <c>data.spec.template</c>.</summary>
    /// <param name="obj">The revision.</param>
    /// <returns>The model revision; absent data (or data without <c>spec.template</c>) gives an empty template.</returns>
    /// <exception cref="ApiException">The data is not a JSON object of the expected shape, or the template holds a value the model cannot represent.</exception>
    public static ControllerRevision ToModel(V1ControllerRevision obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("ControllerRevision", obj.Metadata?.Name);
        return new ControllerRevision
        {
            Metadata = ToModel(obj.Metadata, context),
            Revision = obj.Revision ?? 0,
            Data = ToModel(ReadTemplate(obj.Data, context), context, DataPath),
        };
    }

    /// <summary>Maps a ControllerRevision to a KubernetesClient object (<c>apps/v1 ControllerRevision</c>).</summary>
    /// <param name="obj">The model revision.</param>
    /// <returns>
    /// The V1 revision. Its data is the DaemonSet controller's patch, <c>{"spec":{"template":{"$patch":"replace", ...}}}</c>, as a
    /// tree of <c>Dictionary&lt;string, object?&gt;</c>, <c>List&lt;object?&gt;</c> and scalars.
    /// </returns>
    public static V1ControllerRevision ToKubernetes(ControllerRevision obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = ToKubernetes(obj.Metadata),
            Revision = obj.Revision,
            Data = WriteData(obj.Data),
        };
    }

    private static Dictionary<string, object?> WriteData(PodTemplateSpec template)
    {
        // KubernetesJson writes the template exactly as the API server's JSON (quantities, int-or-string, omitted nulls).
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(ToKubernetes(template)));

        // "$patch" first: it is where Go's sorted map keys put it in the data the real controller stores.
        var templateTree = new Dictionary<string, object?>(StringComparer.Ordinal) { [PatchKey] = "replace" };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            templateTree[property.Name] = ToPlain(property.Value);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["template"] = templateTree },
        };
    }

    private static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = ToPlain(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(ToPlain(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? integer : element.GetDecimal();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static V1PodTemplateSpec? ReadTemplate(object? data, MappingContext context)
    {
        try
        {
            return data switch
            {
                null => null,
                V1PodTemplateSpec template => template,
                JsonElement element => ReadTemplate(JsonSerializer.Deserialize<JsonNode>(element), context),
                JsonNode node => ReadTemplate(node, context),
                byte[] utf8 => ReadTemplate(JsonNode.Parse(utf8), context),
                string text when text.TrimStart().StartsWith('{') => ReadTemplate(JsonNode.Parse(text), context),
                string text => ReadTemplate(KubernetesYaml.Deserialize<Dictionary<object, object?>>(text), context),
                IDictionary tree => ReadTemplate(tree, context),
                _ => throw context.Fail("data", $"unsupported data of type {data.GetType()}"),
            };
        }
        catch (JsonException e)
        {
            throw context.Fail("data", e.Message, e);
        }
        catch (FormatException e)
        {
            throw context.Fail("data", e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw context.Fail("data", e.Message, e);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw context.Fail("data", e.InnerException?.Message ?? e.Message, e);
        }
    }

    private static V1PodTemplateSpec? ReadTemplate(JsonNode? data, MappingContext context)
    {
        if (data is null)
        {
            return null;
        }

        if (data is not JsonObject root)
        {
            throw context.Fail("data", "must be a JSON object");
        }

        var template = (root["spec"] as JsonObject)?["template"];
        if (template is null)
        {
            return null;
        }

        if (template is not JsonObject templateObject)
        {
            throw context.Fail(DataPath, "must be a JSON object");
        }

        // The patch directive is not part of a PodTemplateSpec; drop it from a copy so the caller's data is untouched.
        var copy = (JsonObject)templateObject.DeepClone();
        copy.Remove(PatchKey);
        return KubernetesJson.Deserialize<V1PodTemplateSpec>(copy.ToJsonString());
    }

    // KubernetesYaml reads data into Dictionary<object, object> trees with typed scalars; writing such a tree back as YAML
    // and reading it as a template keeps every scalar's meaning, which going through JSON would not (a YAML 1.0 label is a double).
    private static V1PodTemplateSpec? ReadTemplate(IDictionary data, MappingContext context)
    {
        if (Lookup(data, "spec") is not IDictionary spec)
        {
            return null;
        }

        var template = Lookup(spec, "template");
        if (template is null)
        {
            return null;
        }

        if (template is not IDictionary templateTree)
        {
            throw context.Fail(DataPath, "must be an object");
        }

        var copy = new Dictionary<object, object?>();
        foreach (DictionaryEntry entry in templateTree)
        {
            if (!PatchKey.Equals(entry.Key.ToString(), StringComparison.Ordinal))
            {
                copy[entry.Key] = entry.Value;
            }
        }

        return KubernetesYaml.Deserialize<V1PodTemplateSpec>(KubernetesYaml.Serialize(copy));
    }

    private static object? Lookup(IDictionary map, string key)
    {
        foreach (DictionaryEntry entry in map)
        {
            if (key.Equals(entry.Key.ToString(), StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
