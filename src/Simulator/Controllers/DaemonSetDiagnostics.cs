using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>Why a node that should run a daemon pod has no available one.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Reason">
/// <c>NoPod</c>, <c>AdmissionRejected</c>, <c>Pending</c>, <c>ContainerCreating</c>, <c>ErrImagePull</c>, <c>ImagePullBackOff</c>,
/// <c>CrashLoopBackOff</c>, <c>Failed</c>, <c>Preempted</c>, <c>Evicted</c>, <c>Terminating</c>, <c>NotReady</c> or <c>NotYetAvailable</c>.
/// </param>
/// <param name="Message">Details in Kubernetes' words (the scheduler's message, the pod's reason, the last matching event).</param>
/// <param name="Pod">The pod concerned, if any.</param>
public sealed record NodeProblem(string NodeName, string Reason, string Message, string? Pod);

/// <summary>The troubleshooting view of a DaemonSet: every desired node without an available pod, and why.</summary>
public static class DaemonSetDiagnostics
{
    /// <summary>Finds the desired nodes whose first daemon pod (the one status counts) is missing or not available, and says why.</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="events">The event log, to quote admission rejections.</param>
    /// <returns>The problems, by node name.</returns>
    public static IReadOnlyList<NodeProblem> Diagnose(ClusterState state, DaemonSet ds, IReadOnlyList<ClusterEvent> events)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(events);
        var plan = new DaemonSetPlan(ds);
        var minReady = ds.Spec.MinReadySeconds;
        var lastFailedCreate = events.LastOrDefault(e => e.Reason == "FailedCreate" && e.InvolvedObject.Uid == ds.Metadata.Uid);
        var problems = new List<NodeProblem>();
        foreach (var node in state.Nodes.Values)
        {
            if (!plan.Evaluate(node).ShouldRun)
            {
                continue;
            }

            var pods = DaemonSetReconciler.DaemonPodsOnNode(state, plan, node.Name, null);
            if (pods.Count == 0)
            {
                problems.Add(lastFailedCreate is not null
                    ? new NodeProblem(node.Name, "AdmissionRejected", lastFailedCreate.Message, null)
                    : new NodeProblem(node.Name, "NoPod", "no daemon pod yet; the controller creates one on its next sync", null));
                continue;
            }

            var pod = pods[0];
            if (pod.IsAvailable(minReady, state.Now))
            {
                continue;
            }

            problems.Add(Explain(node.Name, pod, minReady, state.Now));
        }

        return problems;
    }

    private static NodeProblem Explain(string nodeName, Pod pod, int minReady, SimTime now)
    {
        NodeProblem Problem(string reason, string message) => new(nodeName, reason, message, pod.Name);
        var disruption = pod.GetCondition(PodConditionType.DisruptionTarget);
        if (pod.IsTerminating)
        {
            return disruption?.Reason switch
            {
                "PreemptionByScheduler" => Problem("Preempted", disruption.Message),
                "DeletionByTaintManager" => Problem("Evicted", disruption.Message),
                _ => Problem("Terminating", $"pod {pod.Name} is terminating"),
            };
        }

        if (pod.Status.Phase == PodPhase.Failed)
        {
            return Problem("Failed", string.IsNullOrEmpty(pod.Status.Message) ? pod.Status.Reason : $"{pod.Status.Reason}: {pod.Status.Message}");
        }

        if (!pod.IsBound)
        {
            var scheduled = pod.GetCondition(PodConditionType.PodScheduled);
            return Problem("Pending", scheduled?.Message is { Length: > 0 } m ? m : "waiting for the scheduler");
        }

        var waiting = pod.Status.ContainerStatuses.FirstOrDefault(c => c.State.WaitingReason is not null);
        if (waiting is not null)
        {
            var detail = waiting.State.WaitingReason == "CrashLoopBackOff"
                ? $"container {waiting.Name} restarted {waiting.RestartCount} times"
                : $"container {waiting.Name}: image {waiting.Image}";
            return Problem(waiting.State.WaitingReason!, detail);
        }

        if (pod.Status.Phase == PodPhase.Pending)
        {
            return Problem("ContainerCreating", "the kubelet is starting the containers");
        }

        if (!pod.IsReady)
        {
            return Problem("NotReady", "the pod runs but is not Ready");
        }

        var readySince = pod.GetCondition(PodConditionType.Ready)!.LastTransitionTime;
        return Problem("NotYetAvailable", $"Ready since {readySince}; available at {readySince + TimeSpan.FromSeconds(minReady)} (minReadySeconds {minReady}, now {now})");
    }
}
