using System.Globalization;
using Simulator.Controllers;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Engine;

public sealed partial class Simulation
{
    private readonly RolloutRecorder _rollouts = new();

    /// <summary>The DaemonSet's revisions as <c>kubectl rollout history</c> lists them, by revision number.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <returns>The revisions (empty means "No rollout history found.").</returns>
    /// <exception cref="ApiException">The DaemonSet does not exist.</exception>
    public IReadOnlyList<ControllerRevision> GetRevisionHistory(string ns, string name) =>
        DaemonSetHistory.Of(State, State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name));

    /// <summary>The pod template of one revision (<c>kubectl rollout history --revision=N</c>).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <param name="revision">The revision number.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ApiException">The DaemonSet or the revision does not exist (kubectl: "unable to find the specified revision").</exception>
    public PodTemplateSpec GetRevisionTemplate(string ns, string name, long revision) =>
        GetRevisionHistory(ns, name).FirstOrDefault(r => r.Revision == revision)?.Data
        ?? throw new ApiException(StatusReason.BadRequest, "unable to find the specified revision");

    /// <summary>
    /// <c>kubectl rollout undo</c>: back to the previous revision (<paramref name="toRevision"/> 0) or to revision N. The revision is
    /// reused and renumbered to the next number (revisions only roll forward); undoing to the current template changes nothing.
    /// </summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <param name="toRevision">The revision, or 0 for the previous one.</param>
    /// <returns>kubectl's output: <c>daemonset.apps/NAME rolled back</c> or <c>skipped rollback (current template already matches revision N)</c>.</returns>
    /// <exception cref="ApiException">No such revision (kubectl's messages: "no last revision to roll back to", "unable to find specified revision N in history").</exception>
    public string RollbackDaemonSet(string ns, string name, long toRevision = 0)
    {
        var ds = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        var history = DaemonSetHistory.Of(State, ds);
        ControllerRevision? target;
        if (toRevision == 0)
        {
            if (history.Count <= 1)
            {
                throw new ApiException(StatusReason.BadRequest, "no last revision to roll back to");
            }

            target = history[^2];
        }
        else
        {
            target = toRevision < 0 ? null : history.FirstOrDefault(r => r.Revision == toRevision);
            if (target is null)
            {
                throw new ApiException(StatusReason.BadRequest, $"unable to find specified revision {toRevision} in history");
            }
        }

        if (target.Data == ds.Spec.Template)
        {
            return $"skipped rollback (current template already matches revision {target.Revision})";
        }

        UpdateDaemonSet(ds with { Spec = ds.Spec with { Template = target.Data } });
        return $"daemonset.apps/{name} rolled back";
    }

    /// <summary><c>kubectl rollout restart</c>: stamps <c>kubectl.kubernetes.io/restartedAt</c> into the template, which makes a new revision.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <returns>The updated DaemonSet.</returns>
    public DaemonSet RestartDaemonSet(string ns, string name) => UpdateDaemonSet(ns, name, ds => ds with
    {
        Spec = ds.Spec with
        {
            Template = ds.Spec.Template with
            {
                Metadata = ds.Spec.Template.Metadata with
                {
                    Annotations = ds.Spec.Template.Metadata.Annotations.With(DaemonSetLabels.RestartedAtAnnotation, Now.ToString()),
                },
            },
        },
    });

    /// <summary><c>kubectl set image ds/NAME CONTAINER=IMAGE</c>: changes one container's image in the template (a new revision).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <param name="container">The container name (a container or init container of the template).</param>
    /// <param name="image">The new image.</param>
    /// <returns>The updated DaemonSet.</returns>
    /// <exception cref="ApiException">The DaemonSet or the container does not exist.</exception>
    public DaemonSet SetImage(string ns, string name, string container, string image) => UpdateDaemonSet(ns, name, ds =>
    {
        var spec = ds.Spec.Template.Spec;
        if (!spec.Containers.Any(c => c.Name == container) && !spec.InitContainers.Any(c => c.Name == container))
        {
            throw new ApiException(StatusReason.BadRequest, $"unable to find container named \"{container}\"");
        }

        spec = spec with
        {
            Containers = spec.Containers.Select(c => c.Name == container ? c with { Image = image } : c).ToEquatableArray(),
            InitContainers = spec.InitContainers.Select(c => c.Name == container ? c with { Image = image } : c).ToEquatableArray(),
        };
        return ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = spec } } };
    });

    /// <summary><c>kubectl rollout status ds/NAME</c>, one check (without <c>--watch</c>).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <returns>kubectl's line and whether the rollout is done.</returns>
    /// <exception cref="ApiException">Not found, or not a RollingUpdate DaemonSet ("rollout status is only available for RollingUpdate strategy type").</exception>
    public RolloutStatus GetRolloutStatus(string ns, string name)
    {
        var ds = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        if (ds.Spec.UpdateStrategy.Type != DaemonSetUpdateStrategyType.RollingUpdate)
        {
            throw new ApiException(StatusReason.BadRequest, "rollout status is only available for RollingUpdate strategy type");
        }

        var s = ds.Status;
        if (ds.Metadata.Generation > s.ObservedGeneration)
        {
            return new RolloutStatus("Waiting for daemon set spec update to be observed...", false);
        }

        if (s.UpdatedNumberScheduled < s.DesiredNumberScheduled)
        {
            return new RolloutStatus($"Waiting for daemon set \"{name}\" rollout to finish: {s.UpdatedNumberScheduled} out of {s.DesiredNumberScheduled} new pods have been updated...", false);
        }

        if (s.NumberAvailable < s.DesiredNumberScheduled)
        {
            return new RolloutStatus($"Waiting for daemon set \"{name}\" rollout to finish: {s.NumberAvailable} of {s.DesiredNumberScheduled} updated pods are available...", false);
        }

        return new RolloutStatus($"daemon set \"{name}\" successfully rolled out", true);
    }

    /// <summary>The DaemonSet's rollouts (start, completion, worst unavailability) and the timeline of its status counters.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <returns>The history.</returns>
    public RolloutHistory GetRollouts(string ns, string name)
    {
        var ds = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        return _rollouts.Get(ds.Metadata.Uid);
    }

    /// <summary>Every node that should run the DaemonSet but has no available pod, and why (Pending with the scheduler's reasons, CrashLoopBackOff, ImagePullBackOff, Failed, evicted, preempted, admission-rejected, ...).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <returns>The problems, by node name.</returns>
    /// <exception cref="ApiException">The DaemonSet does not exist.</exception>
    public IReadOnlyList<NodeProblem> DiagnoseDaemonSet(string ns, string name) =>
        DaemonSetDiagnostics.Diagnose(State, State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name), Events);

    /// <summary>Rule by rule, why the DaemonSet does or does not run on the node (<c>sim explain ds/NAME node/NODE</c>).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The DaemonSet.</param>
    /// <param name="nodeName">The node.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ApiException">The DaemonSet or the node does not exist.</exception>
    public PlacementExplanation ExplainPlacement(string ns, string name, string nodeName)
    {
        var ds = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        _ = State.GetNode(nodeName) ?? throw ApiException.NotFound("nodes", nodeName);
        return PlacementExplainer.Explain(State, ds, nodeName, Options.SchedulerProfile);
    }

    internal void RecordRolloutStart(DaemonSet ds)
    {
        var generation = long.Parse(ds.Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.TemplateGenerationAnnotation) ?? "1", CultureInfo.InvariantCulture);
        _rollouts.Started(ds.Metadata.Uid, generation, Now);
    }

    internal void RecordRolloutStatus(DaemonSet ds, bool noOldPods)
    {
        var s = ds.Status;
        var complete = noOldPods && s.ObservedGeneration >= ds.Metadata.Generation && s.UpdatedNumberScheduled == s.DesiredNumberScheduled &&
            s.NumberAvailable == s.DesiredNumberScheduled && s.CurrentNumberScheduled == s.DesiredNumberScheduled && s.NumberMisscheduled == 0;
        _rollouts.StatusWritten(ds.Metadata.Uid, ds, Now, complete);
    }
}
