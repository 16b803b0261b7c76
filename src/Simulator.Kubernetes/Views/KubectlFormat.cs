using System.Globalization;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Views;

/// <summary>
/// Annotations a node may carry for the node facts the core model does not keep (Kubernetes' <c>status.nodeInfo</c> and
/// <c>status.addresses</c>); the kubectl views read them where kubectl reads those fields.
/// </summary>
public static class NodeInfoAnnotations
{
    /// <summary>The kubelet version (VERSION column). Absent: <see cref="DefaultKubeletVersion"/>.</summary>
    public const string KubeletVersion = "kubesim.io/kubelet-version";

    /// <summary>The OS image (OS-IMAGE column). Absent: <c>&lt;unknown&gt;</c> in tables, empty in describe, as kubectl shows an empty field.</summary>
    public const string OsImage = "kubesim.io/os-image";

    /// <summary>The kernel version (KERNEL-VERSION column).</summary>
    public const string KernelVersion = "kubesim.io/kernel-version";

    /// <summary>The container runtime version (CONTAINER-RUNTIME column), e.g. <c>containerd://2.1.0</c>.</summary>
    public const string ContainerRuntimeVersion = "kubesim.io/container-runtime-version";

    /// <summary>The InternalIP address (INTERNAL-IP column). Absent: <c>&lt;none&gt;</c>.</summary>
    public const string InternalIp = "kubesim.io/internal-ip";

    /// <summary>The ExternalIP address (EXTERNAL-IP column). Absent: <c>&lt;none&gt;</c>.</summary>
    public const string ExternalIp = "kubesim.io/external-ip";

    /// <summary>The kubelet version shown for nodes that do not say: every simulated kubelet behaves like this release.</summary>
    public const string DefaultKubeletVersion = "v1.34.0";
}

/// <summary>Formatting rules kubectl's printers and describers share.</summary>
internal static class KubectlFormat
{
    public const string None = "<none>";

    /// <summary>apimachinery <c>labels.FormatLabels</c>: <c>k=v</c> pairs in key order, <c>&lt;none&gt;</c> when empty.</summary>
    public static string Labels(StringMap labels) =>
        labels.IsEmpty ? None : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    /// <summary>
    /// metav1 <c>FormatLabelSelector</c>: the selector's requirements sorted by key (apimachinery sorts them when it builds the
    /// selector), values of set operators sorted; <c>&lt;none&gt;</c> for an empty or absent selector.
    /// </summary>
    public static string Selector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return None;
        }

        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector.MatchLabels)
        {
            requirements.Add((key, key + "=" + value));
        }

        foreach (var r in selector.MatchExpressions)
        {
            var values = string.Join(",", r.Values.OrderBy(v => v, StringComparer.Ordinal));
            requirements.Add((r.Key, r.Operator switch
            {
                SelectorOperator.In => $"{r.Key} in ({values})",
                SelectorOperator.NotIn => $"{r.Key} notin ({values})",
                SelectorOperator.Exists => r.Key,
                SelectorOperator.DoesNotExist => "!" + r.Key,
                _ => $"{r.Key} {r.Operator} ({values})",
            }));
        }

        var text = string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
        return text.Length == 0 ? None : text;
    }

    /// <summary>Go's <c>time.RFC1123Z</c> in UTC, e.g. <c>Wed, 01 Jan 2025 00:00:00 +0000</c>.</summary>
    public static string Rfc1123Z(SimTime time) =>
        time.ToDateTimeOffset().UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Go's zero time in RFC 1123Z: what kubectl prints for a timestamp the object does not have.</summary>
    public const string ZeroTime = "Mon, 01 Jan 0001 00:00:00 +0000";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>kubectl's node roles: the suffixes of <c>node-role.kubernetes.io/*</c> labels and the value of <c>kubernetes.io/role</c>, sorted.</summary>
    public static IReadOnlyList<string> NodeRoles(Node node)
    {
        const string rolePrefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Labels)
        {
            if (key.StartsWith(rolePrefix, StringComparison.Ordinal))
            {
                if (key.Length > rolePrefix.Length)
                {
                    roles.Add(key[rolePrefix.Length..]);
                }
            }
            else if (key == "kubernetes.io/role" && value.Length != 0)
            {
                roles.Add(value);
            }
        }

        return [.. roles];
    }

    /// <summary>A node fact from its annotations (see <see cref="NodeInfoAnnotations"/>), else <paramref name="fallback"/>.</summary>
    public static string NodeFact(Node node, string key, string fallback) =>
        node.Metadata.Annotations.GetValueOrDefault(key) is { Length: > 0 } value ? value : fallback;

    public static string KubeletVersion(Node node) => NodeFact(node, NodeInfoAnnotations.KubeletVersion, NodeInfoAnnotations.DefaultKubeletVersion);

    /// <summary><c>Kind/name</c> of the controlling owner, or empty.</summary>
    public static string ControlledBy(ObjectMeta metadata) =>
        metadata.ControllerRef is { } owner ? owner.Kind + "/" + owner.Name : "";

    /// <summary>
    /// The simulation's events about one object, as kubectl describe searches them: same kind, namespace and name, and the
    /// object's uid (events without a uid are kept; node events may carry the node name as uid, as the kubelet's do).
    /// </summary>
    public static IReadOnlyList<ClusterEvent> EventsAbout(Simulation sim, string kind, ObjectMeta metadata) =>
        sim.Events
            .Where(e => e.InvolvedObject.Kind == kind && e.InvolvedObject.Namespace == metadata.Namespace && e.InvolvedObject.Name == metadata.Name &&
                (e.InvolvedObject.Uid.Length == 0 || e.InvolvedObject.Uid == metadata.Uid || (kind == "Node" && e.InvolvedObject.Uid == metadata.Name)))
            .ToList();
}

/// <summary>How a container state reads, from the model's flat <see cref="ContainerState"/>.</summary>
internal static class ContainerStates
{
    public static bool IsRunning(ContainerState state) => state.RunningSince is not null;

    public static bool IsTerminated(ContainerState state) => !IsRunning(state) && (state.TerminatedReason is not null || state.ExitCode is not null);

    public static bool IsWaiting(ContainerState state) => !IsRunning(state) && !IsTerminated(state);
}

/// <summary>The effective requests and limits of a pod, as component-helpers' <c>PodRequests</c>/<c>PodLimits</c> compute them.</summary>
internal static class PodResources
{
    /// <summary>Sum of the app containers and restartable init containers, at least the largest init container's need, plus overhead.</summary>
    public static Dictionary<string, Quantity> Requests(PodSpec spec) => Compute(spec, c => c.Resources.Requests, addAllOverhead: true);

    /// <summary>Like <see cref="Requests"/> for limits; the overhead is added only to resources that have a limit.</summary>
    public static Dictionary<string, Quantity> Limits(PodSpec spec) => Compute(spec, c => c.Resources.Limits, addAllOverhead: false);

    private static Dictionary<string, Quantity> Compute(PodSpec spec, Func<Container, ResourceList> of, bool addAllOverhead)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var c in spec.Containers)
        {
            Add(total, of(c));
        }

        var sidecars = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var initMax = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var c in spec.InitContainers)
        {
            Dictionary<string, Quantity> need;
            if (c.RestartPolicy == RestartPolicy.Always)
            {
                Add(total, of(c));
                Add(sidecars, of(c));
                need = new Dictionary<string, Quantity>(sidecars, StringComparer.Ordinal);
            }
            else
            {
                need = new Dictionary<string, Quantity>(sidecars, StringComparer.Ordinal);
                Add(need, of(c));
            }

            Max(initMax, need);
        }

        Max(total, initMax);
        foreach (var (name, quantity) in spec.Overhead)
        {
            if (addAllOverhead || total.ContainsKey(name))
            {
                total[name] = total.TryGetValue(name, out var q) ? q + quantity : quantity;
            }
        }

        return total;
    }

    private static void Add(Dictionary<string, Quantity> into, IEnumerable<KeyValuePair<string, Quantity>> list)
    {
        foreach (var (name, quantity) in list)
        {
            into[name] = into.TryGetValue(name, out var q) ? q + quantity : quantity;
        }
    }

    private static void Max(Dictionary<string, Quantity> into, Dictionary<string, Quantity> other)
    {
        foreach (var (name, quantity) in other)
        {
            if (!into.TryGetValue(name, out var q) || quantity > q)
            {
                into[name] = quantity;
            }
        }
    }

    public static Quantity Get(Dictionary<string, Quantity> list, string name) => list.TryGetValue(name, out var q) ? q : Quantity.Zero;
}
