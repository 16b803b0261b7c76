using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Controllers;

/// <summary>One rule's verdict on one node.</summary>
/// <param name="Rule">The rule, e.g. <c>NodeSelector</c>, <c>Taint</c>, <c>NodeResourcesFit</c>.</param>
/// <param name="Passed">Whether the node passes it.</param>
/// <param name="Detail">Why, in words a person reads.</param>
/// <param name="StopsNewPods">For a failed rule: whether it stops a new daemon pod (false for rules only the scheduler applies, which leave the pod Pending instead).</param>
public sealed record RuleVerdict(string Rule, bool Passed, string Detail, bool StopsNewPods = true);

/// <summary>Rule by rule, why a DaemonSet does or does not run on a node.</summary>
/// <param name="DaemonSet">The DaemonSet's <c>namespace/name</c>.</param>
/// <param name="NodeName">The node.</param>
/// <param name="ShouldRun">The controller's shouldRun: a pod is created when the node has none.</param>
/// <param name="ShouldContinueRunning">The controller's shouldContinueRunning: an existing pod may stay.</param>
/// <param name="Fits">Whether the scheduler can place the daemon pod there now (resources, ports, cordon).</param>
/// <param name="Rules">Every rule, in the order the controller and then the scheduler apply them.</param>
public sealed record PlacementExplanation(string DaemonSet, string NodeName, bool ShouldRun, bool ShouldContinueRunning, bool Fits, IReadOnlyList<RuleVerdict> Rules)
{
    /// <summary>
    /// A one-line summary, e.g. <c>DaemonSet logging/fluentd should not run on k8s-worker-2: taint app=fluentd-logging:NoExecute is not
    /// tolerated: no new pod, and a running pod is deleted</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public string Summary()
    {
        var failed = Rules.Where(r => !r.Passed).Select(r => r.Detail).ToList();
        if (ShouldRun && Fits)
        {
            return $"DaemonSet {DaemonSet} runs on {NodeName}: every rule passes";
        }

        var reasons = string.Join("; ", failed);
        return ShouldRun
            ? $"DaemonSet {DaemonSet} should run on {NodeName}, but its pod stays Pending: {reasons}"
            : $"DaemonSet {DaemonSet} should not run on {NodeName}: {reasons}";
    }
}

/// <summary>Explains placement decisions rule by rule, using the same predicates as the controller and the scheduler.</summary>
public static class PlacementExplainer
{
    /// <summary>Explains whether <paramref name="ds"/> runs on <paramref name="nodeName"/>.</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="profile">The scheduler profile; the default when null.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">The node does not exist.</exception>
    public static PlacementExplanation Explain(ClusterState state, DaemonSet ds, string nodeName, SchedulerProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ds);
        var node = state.GetNode(nodeName) ?? throw new ArgumentException($"No node named '{nodeName}'.", nameof(nodeName));
        var plan = new DaemonSetPlan(ds);
        var spec = ds.Spec.Template.Spec;
        var rules = new List<RuleVerdict>();

        rules.Add(spec.NodeName.Length == 0
            ? new RuleVerdict("NodeName", true, "the template names no node")
            : new RuleVerdict("NodeName", spec.NodeName == nodeName, spec.NodeName == nodeName ? $"the template names {nodeName}" : $"the template names node {spec.NodeName}"));

        foreach (var (key, value) in spec.NodeSelector)
        {
            var actual = node.Labels.GetValueOrDefault(key);
            rules.Add(new RuleVerdict(
                "NodeSelector",
                actual == value,
                actual == value ? $"nodeSelector {key}={value} matches" : actual is null ? $"nodeSelector {key}={value}: the node has no label {key}" : $"nodeSelector {key}={value}: the node has {key}={actual}"));
        }

        var required = spec.Affinity?.NodeAffinity?.Required;
        if (required is not null)
        {
            var matched = required.Matches(node.Name, node.Labels);
            var terms = required.NodeSelectorTerms.Select((t, i) => $"term {i + 1} {(t.Matches(node.Name, node.Labels) ? "matches" : "does not match")}");
            rules.Add(new RuleVerdict("NodeAffinity", matched, $"required node affinity: {string.Join(", ", terms.DefaultIfEmpty("no terms"))}"));
        }

        foreach (var taint in node.Spec.Taints)
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule)
            {
                rules.Add(new RuleVerdict("Taint", true, $"taint {taint} is a preference the DaemonSet controller ignores"));
                continue;
            }

            var toleration = plan.Tolerations.FirstOrDefault(t => t.Tolerates(taint));
            if (toleration is not null)
            {
                var automatic = !spec.Tolerations.Any(t => t.Tolerates(taint));
                var limited = taint.Effect == TaintEffect.NoExecute && toleration.TolerationSeconds is { } seconds
                    ? $" for {seconds} s only: the taint manager then evicts the pod and the DaemonSet controller creates it again, over and over"
                    : "";
                rules.Add(new RuleVerdict("Taint", true, $"taint {taint} is tolerated" + limited + (automatic ? " (a toleration every daemon pod gets)" : "")));
            }
            else
            {
                var effect = taint.Effect == TaintEffect.NoExecute ? "no new pod, and a running pod is deleted" : "no new pod; a running pod stays (misscheduled)";
                rules.Add(new RuleVerdict("Taint", false, $"taint {taint} is not tolerated: {effect}"));
            }
        }

        var verdict = plan.Evaluate(node);

        // The scheduler's side: the daemon pod as it would be created, against the node without this DaemonSet's own pods.
        var pod = DaemonPodFactory.Create(plan, nodeName);
        var context = new PodSchedulingContext(pod, state);
        var usage = state.UsageOf(nodeName);
        foreach (var own in state.PodsControlledByOnNode(ds.Metadata.Uid, nodeName))
        {
            if (NodeUsage.Counts(own))
            {
                usage = usage.Remove(own);
            }
        }

        var info = Scheduler.WithNominatedPods(context, new NodeInfo(node, usage));
        var fits = true;
        foreach (var filter in (profile ?? SchedulerProfile.Default).Filters)
        {
            if (filter.Name is "TaintToleration" or "NodeAffinity" or "NodeName")
            {
                continue;
            }

            var result = filter.Filter(context, info);
            fits &= result.IsSuccess;
            var detail = result.IsSuccess
                ? filter.Name switch
                {
                    "NodeUnschedulable" => node.Spec.Unschedulable ? "the node is cordoned, but daemon pods tolerate node.kubernetes.io/unschedulable" : "the node is not cordoned",
                    "NodeResourcesFit" => "the pod's requests fit the node's free allocatable resources",
                    "NodePorts" => "the pod's host ports are free",
                    _ => "passes",
                }
                : string.Join(", ", result.Reasons);
            rules.Add(new RuleVerdict(filter.Name, result.IsSuccess, detail, StopsNewPods: false));
        }

        return new PlacementExplanation(ds.Key, nodeName, verdict.ShouldRun, verdict.ShouldContinueRunning, fits, rules);
    }
}
