using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>The reference verdict for one (node, DaemonSet) pair (spec §3.2).</summary>
public readonly record struct ReferenceVerdict(bool ShouldRun, bool ShouldContinueRunning);

/// <summary>
/// A deliberately plain, O(nodes × DaemonSets) restatement of docs/spec daemonset-semantics §3, §4, §5, §8 and §16, written
/// from the spec and never calling the production predicates, reconciler, selector or toleration code. Only the model
/// records (Node, Pod, DaemonSet, …) are shared, plus <c>TemplateHash.Compute</c> for the revision hash (§13.4).
/// </summary>
public static class ReferenceModel
{
    // §4.3, in the documented order.
    private static readonly (string Key, string Effect)[] AlwaysTolerated =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    // apimachinery validation: a qualified name part and a DNS-1123 subdomain prefix.
    private static readonly Regex NamePart = new("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);
    private static readonly Regex GoInt = new("^[+-]?[0-9]+$", RegexOptions.CultureInvariant);

    // ----- §4 taints and tolerations -----

    /// <summary>§4.3: the template's tolerations with the automatic ones replaced in place or appended.</summary>
    public static List<Toleration> DaemonPodTolerations(PodSpec template)
    {
        var result = new List<Toleration>(template.Tolerations);
        var automatic = new List<(string Key, string Effect)>(AlwaysTolerated);
        if (template.HostNetwork)
        {
            automatic.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }

        foreach (var (key, effect) in automatic)
        {
            var auto = new Toleration(key, "Exists", "", effect);
            var index = result.FindIndex(t => t.Key == key && t.Operator == "Exists" && t.Value == "" && t.Effect == effect);
            if (index >= 0)
            {
                result[index] = auto;
            }
            else
            {
                result.Add(auto);
            }
        }

        return result;
    }

    /// <summary>§4.1 with the comparison-operator gate off.</summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (toleration.Effect != "" && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (toleration.Key != "" && toleration.Key != taint.Key)
        {
            return false;
        }

        if (toleration.Operator == "" || toleration.Operator == "Equal")
        {
            return toleration.Value == taint.Value;
        }

        return toleration.Operator == "Exists";
    }

    /// <summary>Whether any toleration in the list tolerates the taint.</summary>
    public static bool Tolerated(IEnumerable<Toleration> tolerations, Taint taint) => tolerations.Any(t => Tolerates(t, taint));

    // ----- §5 nodeSelector and required node affinity -----

    /// <summary>§5.1: nodeSelector (exact pairs) AND the required node-affinity selector.</summary>
    public static bool RequiredPlacementMatches(PodSpec template, Node node)
    {
        foreach (var pair in template.NodeSelector)
        {
            if (!node.Metadata.Labels.TryGetValue(pair.Key, out var value) || value != pair.Value)
            {
                return false;
            }
        }

        var required = template.Affinity?.NodeAffinity?.Required;
        if (required is null)
        {
            return true;
        }

        // §5.2: OR over the terms; an empty term or an empty list matches nothing.
        foreach (var term in required.NodeSelectorTerms)
        {
            if (TermMatches(term, node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>§5.2: a term matches when it is non-empty, parses, and all expressions and fields hold.</summary>
    public static bool TermMatches(NodeSelectorTerm term, Node node)
    {
        if (term.MatchExpressions.Count == 0 && term.MatchFields.Count == 0)
        {
            return false;
        }

        if (!term.MatchExpressions.All(ExpressionParses) || !term.MatchFields.All(FieldParses))
        {
            return false;
        }

        return term.MatchExpressions.All(r => ExpressionHolds(r, node.Metadata.Labels)) &&
            term.MatchFields.All(r => FieldHolds(r, node.Metadata.Name));
    }

    /// <summary>apimachinery's NewRequirement: valid key, operator, value count; every value a legal label value; Gt/Lt values integers.</summary>
    public static bool ExpressionParses(SelectorRequirement r)
    {
        if (!IsQualifiedName(r.Key))
        {
            return false;
        }

        var countOk = r.Operator switch
        {
            "In" or "NotIn" => r.Values.Count > 0,
            "Exists" or "DoesNotExist" => r.Values.Count == 0,
            "Gt" or "Lt" => r.Values.Count == 1 && TryParseGoInt(r.Values[0], out _),
            _ => false,
        };
        return countOk && r.Values.All(IsLabelValue);
    }

    /// <summary>§5.3 against the node's labels (only for requirements that parse).</summary>
    public static bool ExpressionHolds(SelectorRequirement r, StringMap labels)
    {
        var present = labels.TryGetValue(r.Key, out var value);
        switch (r.Operator)
        {
            case "In":
                return present && r.Values.Contains(value);
            case "NotIn":
                return !present || !r.Values.Contains(value);
            case "Exists":
                return present;
            case "DoesNotExist":
                return !present;
            case "Gt":
            case "Lt":
                if (!present || !TryParseGoInt(value, out var actual) || !TryParseGoInt(r.Values[0], out var bound))
                {
                    return false;
                }

                return r.Operator == "Gt" ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>§5.4: matchFields on metadata.name, In/NotIn with exactly one value.</summary>
    public static bool FieldParses(SelectorRequirement r) =>
        r.Key == "metadata.name" && (r.Operator == "In" || r.Operator == "NotIn") && r.Values.Count == 1;

    /// <summary>§5.4.</summary>
    public static bool FieldHolds(SelectorRequirement r, string nodeName) =>
        r.Operator == "In" ? nodeName == r.Values[0] : nodeName != r.Values[0];

    /// <summary>Go's strconv.ParseInt(s, 10, 64).</summary>
    public static bool TryParseGoInt(string s, out long value)
    {
        value = 0;
        return GoInt.IsMatch(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A label key: optional DNS-subdomain prefix (≤ 253) and a name part (≤ 63).</summary>
    public static bool IsQualifiedName(string key)
    {
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            return false;
        }

        var name = parts[^1];
        if (name.Length is 0 or > 63 || !NamePart.IsMatch(name))
        {
            return false;
        }

        return parts.Length == 1 || (parts[0].Length is > 0 and <= 253 && Subdomain.IsMatch(parts[0]));
    }

    /// <summary>A label value: empty, or ≤ 63 characters of the name-part shape.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && NamePart.IsMatch(value));

    // ----- §3 NodeShouldRunDaemonPod -----

    /// <summary>§3.2, in order.</summary>
    public static ReferenceVerdict Verdict(Node node, DaemonSet ds)
    {
        var template = ds.Spec.Template.Spec;
        if (template.NodeName != "" && template.NodeName != node.Name)
        {
            return new ReferenceVerdict(false, false);
        }

        if (!RequiredPlacementMatches(template, node))
        {
            return new ReferenceVerdict(false, false);
        }

        var tolerations = DaemonPodTolerations(template);
        var blocking = node.Spec.Taints.Where(t => t.Effect is "NoSchedule" or "NoExecute").ToList();
        if (blocking.All(t => Tolerated(tolerations, t)))
        {
            return new ReferenceVerdict(true, true);
        }

        var noExecuteTolerated = blocking.Where(t => t.Effect == "NoExecute").All(t => Tolerated(tolerations, t));
        return new ReferenceVerdict(false, noExecuteTolerated);
    }

    // ----- §6.3, §12.1 which pods belong to which node -----

    /// <summary>§6.3: spec.nodeName, else the first matchFields metadata.name In [single value].</summary>
    public static string? TargetNode(Pod pod)
    {
        if (pod.Spec.NodeName != "")
        {
            return pod.Spec.NodeName;
        }

        foreach (var term in pod.Spec.Affinity?.NodeAffinity?.Required?.NodeSelectorTerms ?? default)
        {
            foreach (var field in term.MatchFields)
            {
                if (field.Key == "metadata.name" && field.Operator == "In" && field.Values.Count == 1)
                {
                    return field.Values[0];
                }
            }
        }

        return null;
    }

    /// <summary>Exact label-selector semantics for the DaemonSet's own pod selector (matchLabels and set-based expressions).</summary>
    public static bool SelectorMatches(LabelSelector? selector, StringMap labels)
    {
        if (selector is null)
        {
            return false;
        }

        foreach (var pair in selector.MatchLabels)
        {
            if (!labels.TryGetValue(pair.Key, out var v) || v != pair.Value)
            {
                return false;
            }
        }

        return selector.MatchExpressions.All(r => r.Operator is "In" or "NotIn" or "Exists" or "DoesNotExist" && ExpressionHolds(r, labels));
    }

    /// <summary>The DaemonSet's claimed pods (§17.2, §12.1: terminal-and-deleting dropped), grouped by target node.</summary>
    public static Dictionary<string, List<Pod>> DaemonPodsByNode(ClusterState state, DaemonSet ds)
    {
        var result = new Dictionary<string, List<Pod>>(StringComparer.Ordinal);
        foreach (var pod in state.Pods.Values)
        {
            if (pod.Namespace != ds.Namespace || pod.Metadata.ControllerRef?.Uid != ds.Metadata.Uid || !SelectorMatches(ds.Spec.Selector, pod.Metadata.Labels))
            {
                continue;
            }

            var terminal = pod.Status.Phase is "Succeeded" or "Failed";
            if (terminal && pod.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            var target = TargetNode(pod);
            if (target is null)
            {
                continue;
            }

            if (!result.TryGetValue(target, out var list))
            {
                list = [];
                result[target] = list;
            }

            list.Add(pod);
        }

        return result;
    }

    /// <summary>podByCreationTimestampAndPhase: bound first, then older (second precision), then smaller name.</summary>
    public static List<Pod> OrderForStatus(IEnumerable<Pod> pods) =>
        pods.OrderBy(p => p.Spec.NodeName == "" ? 1 : 0)
            .ThenBy(p => p.Metadata.CreationTimestamp.UnixMilliseconds / 1000)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    // ----- §13.3, §13.4, §16 status -----

    /// <summary>§13.3: Ready condition True, and minReadySeconds reached (at or after).</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, SimTime now)
    {
        var ready = pod.Status.Conditions.FirstOrDefault(c => c.Type == "Ready");
        if (ready is null || ready.Status != "True")
        {
            return false;
        }

        return minReadySeconds == 0 || ready.LastTransitionTime.UnixMilliseconds + (minReadySeconds * 1000L) <= now.UnixMilliseconds;
    }

    /// <summary>§13.1: RollingUpdate whose maxSurge resolves to more than zero for one node (any non-zero setting).</summary>
    public static bool AllowsSurge(DaemonSet ds)
    {
        var strategy = ds.Spec.UpdateStrategy;
        if (strategy.Type != "RollingUpdate" || strategy.RollingUpdate?.MaxSurge is not { } surge)
        {
            return false;
        }

        if (surge.IntValue is { } count)
        {
            return count > 0;
        }

        var text = surge.StringValue ?? "";
        return text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent > 0;
    }

    /// <summary>Ready condition True.</summary>
    public static bool IsReady(Pod pod) => pod.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");

    /// <summary>§13.4: hash label equals the current hash, or pod-template-generation equals the template generation.</summary>
    public static bool IsUpdated(Pod pod, DaemonSet ds)
    {
        var hash = Simulator.Controllers.TemplateHash.Compute(ds.Spec.Template, ds.Status.CollisionCount);
        if (pod.Metadata.Labels.TryGetValue("controller-revision-hash", out var podHash) && podHash == hash)
        {
            return true;
        }

        return ds.Metadata.Annotations.TryGetValue("deprecated.daemonset.template.generation", out var generation) &&
            pod.Metadata.Labels.TryGetValue("pod-template-generation", out var podGeneration) && podGeneration == generation;
    }

    /// <summary>§16, node by node, looking only at the first pod of each node.</summary>
    public static DaemonSetStatus ExpectedStatus(ClusterState state, DaemonSet ds)
    {
        var podsByNode = DaemonPodsByNode(state, ds);
        int desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0;
        foreach (var node in state.Nodes.Values)
        {
            var verdict = Verdict(node, ds);
            var pods = podsByNode.TryGetValue(node.Name, out var list) ? list : [];
            if (verdict.ShouldRun)
            {
                desired++;
                if (pods.Count == 0)
                {
                    continue;
                }

                current++;
                var first = OrderForStatus(pods)[0];
                if (IsReady(first))
                {
                    ready++;
                    if (IsAvailable(first, ds.Spec.MinReadySeconds, state.Now))
                    {
                        available++;
                    }
                }

                if (IsUpdated(first, ds))
                {
                    updated++;
                }
            }
            else if (pods.Count > 0)
            {
                misscheduled++;
            }
        }

        return new DaemonSetStatus
        {
            DesiredNumberScheduled = desired,
            CurrentNumberScheduled = current,
            NumberReady = ready,
            NumberAvailable = available,
            UpdatedNumberScheduled = updated,
            NumberMisscheduled = misscheduled,
            NumberUnavailable = desired - available,
            ObservedGeneration = ds.Metadata.Generation,
            CollisionCount = ds.Status.CollisionCount,
        };
    }

    // ----- §8 resource accounting -----

    /// <summary>§8.4 effective requests in millicores and bytes (steps 1–3 and 5; no pod-level resources in the model).</summary>
    public static (long MilliCpu, long Memory) Requests(PodSpec spec)
    {
        static (long, long) Of(Container c) =>
            (c.Resources.Requests.TryGetValue("cpu", out var cpu) ? cpu.MilliValue : 0,
             c.Resources.Requests.TryGetValue("memory", out var mem) ? mem.Value : 0);

        long cpuSum = 0, memSum = 0;
        foreach (var c in spec.Containers)
        {
            var (cpu, mem) = Of(c);
            cpuSum += cpu;
            memSum += mem;
        }

        long sidecarCpu = 0, sidecarMem = 0, initCpuMax = 0, initMemMax = 0;
        foreach (var c in spec.InitContainers)
        {
            var (cpu, mem) = Of(c);
            if (c.RestartPolicy == "Always")
            {
                sidecarCpu += cpu;
                sidecarMem += mem;
                cpuSum += cpu;
                memSum += mem;
            }
            else
            {
                initCpuMax = Math.Max(initCpuMax, cpu + sidecarCpu);
                initMemMax = Math.Max(initMemMax, mem + sidecarMem);
            }
        }

        var totalCpu = Math.Max(cpuSum, initCpuMax) + (spec.Overhead.TryGetValue("cpu", out var oc) ? oc.MilliValue : 0);
        var totalMem = Math.Max(memSum, initMemMax) + (spec.Overhead.TryGetValue("memory", out var om) ? om.Value : 0);
        return (totalCpu, totalMem);
    }
}
