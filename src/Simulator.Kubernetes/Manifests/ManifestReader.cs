using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Simulator.Model;
using IntOrString = k8s.Models.IntOrString;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulator.Kubernetes.Manifests;

/// <summary>
/// Reads Kubernetes manifests — files, folders, multi-document YAML streams, JSON, and <c>v1 List</c> objects — into
/// KubernetesClient objects, checking them the way the API server does before it stores anything: served kind and apiVersion,
/// strict field validation (unknown fields), value types (a number where a string belongs) and quantities.
/// </summary>
/// <remarks>
/// <para>YAML scalars are resolved as kubectl resolves them (YAML 1.1, as <c>sigs.k8s.io/yaml</c> does): unquoted <c>true</c>,
/// <c>yes</c>, <c>on</c> are booleans and <c>1.0</c> is a number, so <c>version: 1.0</c> under <c>labels</c> is refused exactly as the
/// API server refuses it. Quote such values.</para>
/// <para>Reading is all or nothing: the first problem throws <see cref="ManifestException"/> and no object is returned.</para>
/// </remarks>
public static partial class ManifestReader
{
    private static readonly Dictionary<(string ApiVersion, string Kind), ServedKind> Served = new()
    {
        [("v1", "Namespace")] = ServedKind.Of<V1Namespace>(),
        [("v1", "Node")] = ServedKind.Of<V1Node>(),
        [("v1", "Pod")] = ServedKind.Of<V1Pod>(),
        [("scheduling.k8s.io/v1", "PriorityClass")] = ServedKind.Of<V1PriorityClass>(),
        [("apps/v1", "DaemonSet")] = ServedKind.Of<V1DaemonSet>(),
        [("apps/v1", "ControllerRevision")] = ServedKind.Of<V1ControllerRevision>(),
    };

    // Kinds a real cluster serves that the simulator does not model: saying "no matches for kind" would be a lie about Kubernetes.
    private static readonly HashSet<string> KnownUnmodelledKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "ReplicaSet", "StatefulSet", "Job", "CronJob", "Service", "ConfigMap", "Secret", "ServiceAccount", "Role",
        "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Ingress", "PersistentVolume", "PersistentVolumeClaim", "NetworkPolicy",
        "HorizontalPodAutoscaler", "PodDisruptionBudget", "StorageClass", "LimitRange", "ResourceQuota", "Endpoints", "Event",
        "CustomResourceDefinition", "ReplicationController", "PodTemplate", "Lease",
    };

    private static readonly string[] ManifestExtensions = [".json", ".yaml", ".yml"];

    /// <summary>Reads a file, or every <c>.json</c>, <c>.yaml</c> and <c>.yml</c> file of a folder in name order (kubectl's <c>-f</c>).</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="recursive">Also read sub-folders (kubectl's <c>-R</c>).</param>
    /// <param name="displayPath">How to name <paramref name="path"/> in sources and errors (for example as a script wrote it); the path itself when null.</param>
    /// <returns>The objects, in file and document order.</returns>
    /// <exception cref="ManifestException">The path does not exist or a manifest is bad.</exception>
    public static IReadOnlyList<ManifestObject> ReadPath(string path, bool recursive = false, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayPath ??= path;
        if (File.Exists(path))
        {
            return ReadText(File.ReadAllText(path), displayPath);
        }

        if (!Directory.Exists(path))
        {
            throw new ManifestException($"error: the path \"{displayPath}\" does not exist");
        }

        var files = Directory
            .EnumerateFiles(path, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            objects.AddRange(ReadText(File.ReadAllText(file), Path.Combine(displayPath, Path.GetRelativePath(path, file))));
        }

        return objects;
    }

    /// <summary>Reads YAML (one or more documents) or JSON text.</summary>
    /// <param name="text">The manifest text.</param>
    /// <param name="source">The name to report in errors, e.g. the file name.</param>
    /// <returns>The objects, in document order (a List's items in their order).</returns>
    /// <exception cref="ManifestException">The text is not a valid manifest.</exception>
    public static IReadOnlyList<ManifestObject> ReadText(string text, string source = "STDIN")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            throw new ManifestException(
                $"error: error parsing {source}: error converting YAML to JSON: yaml: line {e.Start.Line}, column {e.Start.Column}: {LowerFirst(message).TrimEnd('.')}", e);
        }

        var objects = new List<ManifestObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" } || IsNullScalar(document.RootNode))
            {
                continue;
            }

            ReadObject(document.RootNode, source, objects);
        }

        return objects;
    }

    /// <summary>Reads one object built in C# or deserialised elsewhere, checking its kind and apiVersion are served.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The object as a manifest entry (source <c>object</c>, line 0).</returns>
    /// <exception cref="ManifestException">The kind or apiVersion is not served.</exception>
    public static ManifestObject FromObject(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var manifest = new ManifestObject(obj, "object", 0);
        if (!Served.TryGetValue((obj.ApiVersion ?? "", obj.Kind ?? ""), out var served) || !served.Type.IsInstanceOfType(obj))
        {
            throw NoMatch(obj.Kind ?? "", obj.ApiVersion ?? "", manifest.Name, manifest.Namespace, "object");
        }

        return manifest;
    }

    private static void ReadObject(YamlNode node, string source, List<ManifestObject> objects)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode mapping)
        {
            throw new ManifestException($"error: error validating \"{source}\": error validating data: invalid object: a manifest document must be a mapping (line {line})");
        }

        var apiVersion = ScalarOf(mapping, "apiVersion");
        var kind = ScalarOf(mapping, "kind");
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
        {
            var missing = string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind";
            throw new ManifestException(
                $"error: error validating \"{source}\": error validating data: {missing} not set; if you choose to ignore these errors, turn validation off with --validate=false");
        }

        if (apiVersion == "v1" && kind.EndsWith("List", StringComparison.Ordinal))
        {
            if (Child(mapping, "items") is YamlSequenceNode items)
            {
                foreach (var item in items)
                {
                    ReadObject(item, source, objects);
                }
            }

            return;
        }

        var metadata = Child(mapping, "metadata") as YamlMappingNode;
        var name = metadata is null ? "" : ScalarOf(metadata, "name") ?? "";
        var ns = metadata is null ? "" : ScalarOf(metadata, "namespace") ?? "";
        if (!Served.TryGetValue((apiVersion, kind), out var served))
        {
            throw NoMatch(kind, apiVersion, name, ns, source);
        }

        var type = served.Type;

        var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
        var prefix = $"Error from server (BadRequest): error when creating \"{source}\": {kind} in version \"{version}\" cannot be handled as a {kind}: ";
        var unknown = new List<string>();
        var json = Convert(mapping, type, "", StructName(type), unknown, prefix);
        if (unknown.Count > 0)
        {
            throw new ManifestException(prefix + "strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        IKubernetesObject obj;
        try
        {
            obj = served.Deserialize(json!.ToJsonString()) ?? throw new ManifestException(prefix + "empty object");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ManifestException(prefix + e.Message, e);
        }

        objects.Add(new ManifestObject(obj, source, line));
    }

    private static ManifestException NoMatch(string kind, string apiVersion, string name, string ns, string source)
    {
        if (KnownUnmodelledKinds.Contains(kind))
        {
            return new ManifestException(
                $"error: kind \"{kind}\" ({apiVersion}) of \"{name}\" from \"{source}\" is not simulated: the simulator models Namespace, Node, Pod, PriorityClass, DaemonSet and ControllerRevision");
        }

        var noMatch = $"error: resource mapping not found for name: \"{name}\" namespace: \"{ns}\" from \"{source}\": no matches for kind \"{kind}\" in version \"{apiVersion}\"\nensure CRDs are installed first";
        var servedAs = Served.Keys.Where(k => k.Kind == kind).Select(k => k.ApiVersion).FirstOrDefault();
        return new ManifestException(servedAs is null ? noMatch : $"{noMatch} ({kind} is served as {servedAs}, not {apiVersion})");
    }

    /// <summary>A kind the simulator serves: its KubernetesClient type and how to read it from JSON.</summary>
    private sealed record ServedKind(Type Type, Func<string, IKubernetesObject?> Deserialize)
    {
        public static ServedKind Of<T>()
            where T : IKubernetesObject => new(typeof(T), json => KubernetesJson.Deserialize<T>(json));
    }

    // ----- YAML to JSON, checked against the target type -----

    private static JsonNode? Convert(YamlNode node, Type type, string path, string goPath, List<string> unknown, string prefix)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsNullScalar(node))
        {
            return null;
        }

        if (type == typeof(object))
        {
            return Untyped(node);
        }

        if (type == typeof(ResourceQuantity))
        {
            var text = RequireScalar(node, "string", goPath, prefix, out _);
            if (!Quantity.TryParse(text, out _))
            {
                try
                {
                    Quantity.Parse(text);
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    throw new ManifestException(prefix + e.Message, e);
                }
            }

            return JsonValue.Create(text);
        }

        if (type == typeof(IntOrString))
        {
            var text = RequireScalar(node, "IntOrString", goPath, prefix, out var resolved);
            return resolved is long number ? JsonValue.Create(number) : JsonValue.Create(text);
        }

        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(byte[]))
        {
            var text = RequireScalar(node, "string", goPath, prefix, out var resolved);
            if (resolved is not string)
            {
                throw TypeError(JsonKindOf(resolved), "string", goPath, prefix);
            }

            return JsonValue.Create(text);
        }

        if (type == typeof(bool))
        {
            RequireScalar(node, "bool", goPath, prefix, out var resolved);
            return resolved is bool b ? JsonValue.Create(b) : throw TypeError(JsonKindOf(resolved), "bool", goPath, prefix);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float))
        {
            var goType = type == typeof(int) ? "int32" : type == typeof(long) ? "int64" : "float64";
            RequireScalar(node, goType, goPath, prefix, out var resolved);
            return resolved switch
            {
                long l when type == typeof(int) && (l < int.MinValue || l > int.MaxValue) => throw new ManifestException(
                    prefix + $"json: cannot unmarshal number {l} into Go struct field {goPath} of type int32"),
                long l => JsonValue.Create(l),
                double d when type == typeof(double) || type == typeof(float) => JsonValue.Create(d),
                double d => throw new ManifestException(prefix + $"json: cannot unmarshal number {d.ToString(CultureInfo.InvariantCulture)} into Go struct field {goPath} of type {goType}"),
                _ => throw TypeError(JsonKindOf(resolved), goType, goPath, prefix),
            };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            if (node is not YamlMappingNode map)
            {
                throw TypeError(KindOf(node), "map[string]" + GoName(valueType), goPath, prefix);
            }

            var result = new JsonObject();
            foreach (var (key, value) in map.Children)
            {
                var keyText = ((YamlScalarNode)key).Value ?? "";
                result[keyText] = Convert(value, valueType, Join(path, keyText), goPath, unknown, prefix);
            }

            return result;
        }

        if (ListItemType(type) is { } itemType)
        {
            if (node is not YamlSequenceNode sequence)
            {
                throw TypeError(KindOf(node), "[]" + GoName(itemType), goPath, prefix);
            }

            var result = new JsonArray();
            var index = 0;
            foreach (var item in sequence)
            {
                result.Add(Convert(item, itemType, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", goPath, unknown, prefix));
                index++;
            }

            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw TypeError(KindOf(node), GoName(type), goPath, prefix);
        }

        var properties = PropertiesOf(type);
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var field = Join(path, name);
            if (!properties.TryGetValue(name, out var propertyType))
            {
                unknown.Add(field);
                continue;
            }

            obj[name] = Convert(value, propertyType, field, StructName(type) + "." + StripIndexes(field), unknown, prefix);
        }

        return obj;
    }

    private static string RequireScalar(YamlNode node, string goType, string goPath, string prefix, out object? resolved)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw TypeError(KindOf(node), goType, goPath, prefix);
        }

        resolved = Resolve(scalar);
        return scalar.Value ?? "";
    }

    private static ManifestException TypeError(string jsonKind, string goType, string goPath, string prefix) =>
        new(prefix + $"json: cannot unmarshal {jsonKind} into Go struct field {goPath} of type {goType}");

    private static JsonNode? Untyped(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Untyped(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Select(Untyped).ToArray()),
        YamlScalarNode scalar => Resolve(scalar) switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            var other => JsonValue.Create((string)other),
        },
        _ => null,
    };

    /// <summary>YAML 1.1 scalar resolution as goyaml.v2 does it (the library behind kubectl's YAML reading).</summary>
    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (OctalPattern().IsMatch(plain))
        {
            var value = System.Convert.ToInt64(plain.TrimStart('+', '-'), 8);
            return plain.StartsWith('-') ? -value : value;
        }

        if (IntegerPattern().IsMatch(plain) && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (plain.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (FloatPattern().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        return text;
    }

    private static bool IsNullScalar(YamlNode node) => node is YamlScalarNode scalar && Resolve(scalar) is null;

    private static string JsonKindOf(object? resolved) => resolved switch
    {
        null => "null",
        bool => "bool",
        long or double => "number",
        _ => "string",
    };

    private static string KindOf(YamlNode node) => node switch
    {
        YamlMappingNode => "object",
        YamlSequenceNode => "array",
        YamlScalarNode scalar => JsonKindOf(Resolve(scalar)),
        _ => "value",
    };

    private static readonly Dictionary<Type, Dictionary<string, Type>> PropertyCache = [];

    private static Dictionary<string, Type> PropertiesOf(Type type)
    {
        lock (PropertyCache)
        {
            if (!PropertyCache.TryGetValue(type, out var properties))
            {
                properties = new Dictionary<string, Type>(StringComparer.Ordinal);
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } attribute)
                    {
                        properties[attribute.Name] = property.PropertyType;
                    }
                }

                PropertyCache[type] = properties;
            }

            return properties;
        }
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;
    }

    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }

    private static string GoName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(int) => "int32",
            _ when type == typeof(long) => "int64",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(double) => "float64",
            _ => type.Name.StartsWith("V1", StringComparison.Ordinal) ? "v1." + type.Name[2..] : type.Name,
        };
    }

    private static string StructName(Type type) => type.Name.StartsWith("V1", StringComparison.Ordinal) ? type.Name[2..] : type.Name;

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? ScalarOf(YamlMappingNode mapping, string key) => Child(mapping, key) is YamlScalarNode scalar ? scalar.Value : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string StripIndexes(string path) => IndexPattern().Replace(path, "");

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?0[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex IndexPattern();
}
