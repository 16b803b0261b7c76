using System.Globalization;
using k8s.Models;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes;

/// <summary>
/// Converts between KubernetesClient's <c>V1*</c> objects and the simulator's immutable model, in both directions.
/// </summary>
/// <remarks>
/// <para>
/// Every field the model has maps both ways with its Kubernetes meaning. Going out, empty model collections and empty
/// strings become null, so they are omitted as the API server omits them; going in, absent values stay absent (an empty
/// string, an empty collection or null in the model) so that the simulation's own defaulting fills them, except where the
/// model has no "absent" and the API server always sets a value: a namespace without <c>status.phase</c> is <c>Active</c>,
/// a pod without <c>status.phase</c> is <c>Pending</c>, and a priority class without <c>preemptionPolicy</c> is
/// <c>PreemptLowerPriority</c>. A zero <see cref="SimTime"/> creation timestamp, generation or resource version is
/// "unset" and is omitted.
/// </para>
/// <para>
/// Times: the model keeps milliseconds, Kubernetes keeps whole seconds. <c>ToKubernetes</c> truncates every timestamp to
/// the second (as the API server stores it) and returns UTC <see cref="DateTime"/> values; <c>ToModel</c> reads any
/// <see cref="DateTimeKind"/> (unspecified counts as UTC) to the millisecond.
/// </para>
/// <para>
/// Quantities travel as text (<see cref="ResourceQuantity.ToString"/> and <see cref="Quantity.Parse"/>), so amounts stay
/// exact. Int-or-string values follow KubernetesClient's representation, which keeps only the text: a value that reads
/// as a 32-bit integer is an integer (a quoted <c>"1"</c> in a manifest therefore becomes the integer 1), anything else a
/// string such as <c>"25%"</c>.
/// </para>
/// <para>
/// A value the model cannot hold (a null or unparseable quantity, an integer-looking int-or-string beyond 32 bits, a
/// resource version that is not a decimal number, ControllerRevision data that holds no pod template) throws
/// <see cref="ApiException"/> with <see cref="StatusReason.BadRequest"/> and a message naming the object and field, e.g.
/// <c>DaemonSet "fluentd": spec.template.spec.containers[0].resources.requests[cpu]: quantities must match ...</c>.
/// Every V1 sub-object may be null.
/// </para>
/// <para>
/// Dropped on the way in, because the model does not have them: <c>metadata.finalizers</c>, <c>managedFields</c>,
/// <c>selfLink</c>; node <c>spec.podCIDR(s)</c>, <c>providerID</c>, <c>configSource</c>, <c>externalID</c>, and
/// <c>status.addresses</c>, <c>nodeInfo</c>, <c>images</c>, <c>daemonEndpoints</c>, <c>volumesAttached</c>,
/// <c>volumesInUse</c>, <c>config</c>, <c>features</c>, <c>runtimeHandlers</c>, <c>phase</c> and conditions'
/// <c>lastHeartbeatTime</c>; pod spec <c>affinity.podAffinity</c>/<c>podAntiAffinity</c>, <c>topologySpreadConstraints</c>,
/// <c>dnsPolicy</c>, <c>dnsConfig</c>, <c>serviceAccountName</c>, <c>serviceAccount</c>,
/// <c>automountServiceAccountToken</c>, <c>imagePullSecrets</c>, <c>hostname</c>, <c>subdomain</c>, <c>hostAliases</c>,
/// <c>hostUsers</c>, <c>os</c>, <c>runtimeClassName</c>, <c>readinessGates</c>, <c>schedulingGates</c>,
/// <c>resourceClaims</c>, pod-level <c>resources</c>, <c>ephemeralContainers</c>, <c>enableServiceLinks</c>,
/// <c>shareProcessNamespace</c>, <c>setHostnameAsFQDN</c>; container <c>command</c>, <c>args</c>, <c>workingDir</c>,
/// <c>env</c>, <c>envFrom</c>, <c>imagePullPolicy</c>, probes, <c>lifecycle</c>, <c>resizePolicy</c>,
/// <c>restartPolicyRules</c>, <c>resources.claims</c>, <c>volumeDevices</c>, <c>stdin</c>/<c>tty</c>, termination
/// message settings; security context <c>seLinuxOptions</c>, <c>appArmorProfile</c>, <c>windowsOptions</c>,
/// <c>procMount</c>, <c>supplementalGroups</c>, <c>sysctls</c>, <c>fsGroupChangePolicy</c>; volume mount <c>subPath</c>,
/// <c>mountPropagation</c> and the like; every volume source except <c>hostPath</c>, <c>emptyDir</c>, <c>configMap</c> and
/// <c>secret</c>, and of those every setting but the path, type and name (<c>emptyDir.medium</c>/<c>sizeLimit</c>,
/// <c>items</c>, <c>defaultMode</c>, <c>optional</c>); pod status <c>hostIP(s)</c>, <c>qosClass</c>,
/// <c>initContainerStatuses</c>, <c>ephemeralContainerStatuses</c>, <c>resize</c>, <c>resourceClaimStatuses</c>,
/// <c>observedGeneration</c> and conditions' <c>lastProbeTime</c>; container status <c>containerID</c>, <c>imageID</c>,
/// <c>lastState</c>, <c>allocatedResources</c>, <c>resources</c>, <c>user</c>, <c>volumeMounts</c>, and from states
/// waiting <c>message</c>, terminated <c>message</c>, <c>signal</c>, <c>startedAt</c>, <c>finishedAt</c>,
/// <c>containerID</c>; DaemonSet <c>status.conditions</c>; namespace <c>spec.finalizers</c> and <c>status.conditions</c>.
/// <c>podIPs</c> is read only for its first address when <c>podIP</c> is absent.
/// </para>
/// <para>
/// <see cref="V1ControllerRevision.Data"/> is typed <see cref="object"/>: after <c>KubernetesJson</c> it holds a
/// <see cref="System.Text.Json.JsonElement"/>, after <c>KubernetesYaml</c> a <c>Dictionary&lt;object, object&gt;</c> tree.
/// Both are read, as are a <see cref="System.Text.Json.Nodes.JsonNode"/>, JSON or YAML text, UTF-8 JSON bytes, any
/// <see cref="System.Collections.IDictionary"/> tree and a <see cref="V1PodTemplateSpec"/>. Going out, data is a tree of
/// <c>Dictionary&lt;string, object?&gt;</c>, lists and scalars, because that serialises to the same document through both
/// <c>KubernetesJson</c> and <c>KubernetesYaml</c> (a <c>JsonElement</c> does not survive <c>KubernetesYaml</c>).
/// </para>
/// </remarks>
public static partial class KubernetesMapper
{
    /// <summary>Maps a namespace into the model.</summary>
    /// <param name="obj">The namespace.</param>
    /// <returns>The model namespace; <c>Active</c> when the status has no phase.</returns>
    /// <exception cref="ApiException">A field holds a value the model cannot represent.</exception>
    public static Namespace ToModel(V1Namespace obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("Namespace", obj.Metadata?.Name);
        return new Namespace
        {
            Metadata = ToModel(obj.Metadata, context),
            Phase = NullIfEmpty(obj.Status?.Phase) ?? "Active",
        };
    }

    /// <summary>Maps a namespace to a KubernetesClient object (<c>v1 Namespace</c>).</summary>
    /// <param name="obj">The model namespace.</param>
    /// <returns>The V1 namespace.</returns>
    public static V1Namespace ToKubernetes(Namespace obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = ToKubernetes(obj.Metadata),
            Status = obj.Phase.Length == 0 ? null : new V1NamespaceStatus { Phase = obj.Phase },
        };
    }

    /// <summary>Maps a priority class into the model.</summary>
    /// <param name="obj">The priority class.</param>
    /// <returns>The model priority class; an absent <c>preemptionPolicy</c> becomes <c>PreemptLowerPriority</c>, the API server's default.</returns>
    /// <exception cref="ApiException">A field holds a value the model cannot represent.</exception>
    public static PriorityClass ToModel(V1PriorityClass obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("PriorityClass", obj.Metadata?.Name);
        return new PriorityClass
        {
            Metadata = ToModel(obj.Metadata, context),
            Value = obj.Value ?? 0,
            GlobalDefault = obj.GlobalDefault ?? false,
            PreemptionPolicy = NullIfEmpty(obj.PreemptionPolicy) ?? PreemptionPolicy.PreemptLowerPriority,
            Description = obj.Description ?? "",
        };
    }

    /// <summary>Maps a priority class to a KubernetesClient object (<c>scheduling.k8s.io/v1 PriorityClass</c>).</summary>
    /// <param name="obj">The model priority class.</param>
    /// <returns>The V1 priority class.</returns>
    public static V1PriorityClass ToKubernetes(PriorityClass obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1PriorityClass
        {
            ApiVersion = "scheduling.k8s.io/v1",
            Kind = "PriorityClass",
            Metadata = ToKubernetes(obj.Metadata),
            Value = obj.Value,
            GlobalDefault = obj.GlobalDefault ? true : null,
            PreemptionPolicy = NullIfEmpty(obj.PreemptionPolicy),
            Description = NullIfEmpty(obj.Description),
        };
    }

    private static ObjectMeta ToModel(V1ObjectMeta? meta, MappingContext context)
    {
        if (meta is null)
        {
            return new ObjectMeta();
        }

        return new ObjectMeta
        {
            Name = meta.Name ?? "",
            Namespace = meta.NamespaceProperty ?? "",
            GenerateName = meta.GenerateName ?? "",
            Uid = meta.Uid ?? "",
            Labels = ToStringMap(meta.Labels),
            Annotations = ToStringMap(meta.Annotations),
            OwnerReferences = ToModelList(meta.OwnerReferences, ToModel),
            CreationTimestamp = ToSimTime(meta.CreationTimestamp) ?? default,
            DeletionTimestamp = ToSimTime(meta.DeletionTimestamp),
            DeletionGracePeriodSeconds = meta.DeletionGracePeriodSeconds,
            Generation = meta.Generation ?? 0,
            ResourceVersion = ParseResourceVersion(meta.ResourceVersion, context),
        };
    }

    private static V1ObjectMeta ToKubernetes(ObjectMeta meta) => new()
    {
        Name = NullIfEmpty(meta.Name),
        NamespaceProperty = NullIfEmpty(meta.Namespace),
        GenerateName = NullIfEmpty(meta.GenerateName),
        Uid = NullIfEmpty(meta.Uid),
        Labels = ToDictionary(meta.Labels),
        Annotations = ToDictionary(meta.Annotations),
        OwnerReferences = ToKubernetesList(meta.OwnerReferences, ToKubernetes),
        CreationTimestamp = meta.CreationTimestamp == default ? null : ToDateTime(meta.CreationTimestamp),
        DeletionTimestamp = ToDateTime(meta.DeletionTimestamp),
        DeletionGracePeriodSeconds = meta.DeletionGracePeriodSeconds,
        Generation = meta.Generation == 0 ? null : meta.Generation,
        ResourceVersion = meta.ResourceVersion == 0 ? null : meta.ResourceVersion.ToString(CultureInfo.InvariantCulture),
    };

    // Kubernetes reads an absent controller or blockOwnerDeletion as false, whatever the model's constructor defaults are.
    private static OwnerReference ToModel(V1OwnerReference owner) =>
        new(owner.ApiVersion ?? "", owner.Kind ?? "", owner.Name ?? "", owner.Uid ?? "", owner.Controller ?? false, owner.BlockOwnerDeletion ?? false);

    private static V1OwnerReference ToKubernetes(OwnerReference owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = owner.Controller ? true : null,
        BlockOwnerDeletion = owner.BlockOwnerDeletion ? true : null,
    };

    private static long ParseResourceVersion(string? text, MappingContext context)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        // The simulator orders writes by resourceVersion, so only the decimal counters real API servers hand out can be kept.
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw context.Fail("metadata.resourceVersion", $"resourceVersion {FieldError.Quote(text)} is not a decimal number");
        }

        return version;
    }

    private static SimTime? ToSimTime(DateTime? time)
    {
        if (time is not { } value)
        {
            return null;
        }

        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return SimTime.FromDateTimeOffset(new DateTimeOffset(utc));
    }

    private static DateTime ToDateTime(SimTime time) => time.TruncateToSeconds().ToDateTimeOffset().UtcDateTime;

    private static DateTime? ToDateTime(SimTime? time) => time is { } value ? ToDateTime(value) : null;

    private static StringMap ToStringMap(IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return StringMap.Empty;
        }

        // YAML "key:" with nothing after it arrives as a null value; Kubernetes reads it as the empty string.
        return StringMap.From(map.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value ?? "")));
    }

    private static Dictionary<string, string>? ToDictionary(StringMap map)
    {
        if (map.IsEmpty)
        {
            return null;
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var pair in map)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    private static ResourceList ToResourceList(IDictionary<string, ResourceQuantity>? map, MappingContext context, string path)
    {
        if (map is null || map.Count == 0)
        {
            return ResourceList.Empty;
        }

        var pairs = new List<KeyValuePair<string, Quantity>>(map.Count);
        foreach (var pair in map)
        {
            pairs.Add(new(pair.Key, ToQuantity(pair.Value, context, path + "[" + pair.Key + "]")));
        }

        return ResourceList.From(pairs);
    }

    private static Quantity ToQuantity(ResourceQuantity? quantity, MappingContext context, string path)
    {
        // A null entry is the one bad quantity a V1 object can hold: ResourceQuantity's constructor refuses bad text.
        var text = quantity?.ToString() ?? "";
        try
        {
            return Quantity.Parse(text);
        }
        catch (FormatException e)
        {
            throw context.Fail(path, e.Message, e);
        }
        catch (OverflowException e)
        {
            throw context.Fail(path, e.Message, e);
        }
    }

    private static Dictionary<string, ResourceQuantity>? ToKubernetes(ResourceList list)
    {
        if (list.IsEmpty)
        {
            return null;
        }

        var result = new Dictionary<string, ResourceQuantity>(list.Count, StringComparer.Ordinal);
        foreach (var pair in list)
        {
            result[pair.Key] = new ResourceQuantity(pair.Value.ToString());
        }

        return result;
    }

    private static EquatableArray<string> ToModelList(IList<string>? list) =>
        list is null || list.Count == 0 ? EquatableArray<string>.Empty : list.Select(s => s ?? "").ToEquatableArray();

    private static List<string>? ToKubernetesList(EquatableArray<string> list) => list.IsEmpty ? null : [.. list];

    private static EquatableArray<TModel> ToModelList<TV1, TModel>(IList<TV1>? list, Func<TV1, TModel> map)
        where TV1 : new()
    {
        if (list is null || list.Count == 0)
        {
            return EquatableArray<TModel>.Empty;
        }

        var result = new List<TModel>(list.Count);
        foreach (var item in list)
        {
            // A null list element ("- " in YAML) carries no data; the empty V1 object stands in so positions are kept.
            result.Add(map(item ?? new TV1()));
        }

        return result.ToEquatableArray();
    }

    private static EquatableArray<TModel> ToModelList<TV1, TModel>(IList<TV1>? list, Func<TV1, string, TModel> map, string path)
        where TV1 : new()
    {
        if (list is null || list.Count == 0)
        {
            return EquatableArray<TModel>.Empty;
        }

        var result = new List<TModel>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(map(list[i] ?? new TV1(), path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        return result.ToEquatableArray();
    }

    private static List<TV1>? ToKubernetesList<TModel, TV1>(EquatableArray<TModel> list, Func<TModel, TV1> map)
    {
        if (list.IsEmpty)
        {
            return null;
        }

        var result = new List<TV1>(list.Count);
        foreach (var item in list)
        {
            result.Add(map(item));
        }

        return result;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool? TrueOrNull(bool value) => value ? true : null;

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    /// <summary>Names the object being mapped, so errors say where the bad value is.</summary>
    private sealed class MappingContext(string kind, string? name)
    {
        public ApiException Fail(string path, string message, Exception? inner = null)
        {
            var text = $"{kind} {FieldError.Quote(name ?? "")}: {path}: {message}";
            return inner is null ? new ApiException(StatusReason.BadRequest, text) : new ApiException(text, inner);
        }
    }
}
