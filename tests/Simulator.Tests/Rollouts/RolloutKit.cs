using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Controllers;
using Simulator.Tests.Support;

namespace Simulator.Tests.Rollouts;

/// <summary>Builders and probes shared by the rollout tests: DaemonSets with a chosen strategy, image updates, pod snapshots.</summary>
internal static class RolloutKit
{
    public const string V1 = "busybox:1.36";
    public const string V2 = "busybox:1.37";
    public const string V3 = "busybox:1.38";

    /// <summary>A RollingUpdate DaemonSet "ds" in namespace default.</summary>
    public static DaemonSet Rolling(IntOrString? maxUnavailable = null, IntOrString? maxSurge = null, int minReadySeconds = 0, string name = "ds", long? grace = null)
    {
        var ds = Fixtures.DaemonSet(name, grace is null ? null : s => s with { TerminationGracePeriodSeconds = grace });
        return ds with
        {
            Spec = ds.Spec with
            {
                MinReadySeconds = minReadySeconds,
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
                },
            },
        };
    }

    /// <summary>An OnDelete DaemonSet "ds" in namespace default.</summary>
    public static DaemonSet OnDelete(int? revisionHistoryLimit = null, string name = "ds")
    {
        var ds = Fixtures.DaemonSet(name);
        return ds with
        {
            Spec = ds.Spec with
            {
                RevisionHistoryLimit = revisionHistoryLimit,
                UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete },
            },
        };
    }

    /// <summary>A cluster of node-1..node-N (one-second kubelets) with the DaemonSet created and its first rollout finished.</summary>
    public static Simulation Running(int nodes, DaemonSet ds)
    {
        var sim = Fixtures.Cluster(nodes);
        sim.CreateDaemonSet(ds);
        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();
        return sim;
    }

    /// <summary><c>kubectl set image ds/NAME *=IMAGE</c>.</summary>
    public static DaemonSet SetImage(this Simulation sim, string image, string name = "ds", string ns = "default") =>
        sim.UpdateDaemonSet(ns, name, ds => ds.WithImage(image));

    /// <summary>Sets the <c>kubernetes.io/change-cause</c> annotation (what <c>--record</c> wrote).</summary>
    public static DaemonSet WithChangeCause(this DaemonSet ds, string cause) =>
        ds with { Metadata = ds.Metadata with { Annotations = ds.Metadata.Annotations.With(DaemonSetLabels.ChangeCauseAnnotation, cause) } };

    /// <summary>Every pod the DaemonSet controls, terminating ones included.</summary>
    public static List<Pod> Pods(this Simulation sim, string name = "ds", string ns = "default")
    {
        var ds = sim.State.GetDaemonSet(ns, name)!;
        return sim.State.PodsControlledBy(ds.Metadata.Uid).OrderBy(p => p.Spec.NodeName, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Pods labelled <c>app=NAME</c> in the namespace, whoever owns them.</summary>
    public static List<Pod> LabelledPods(this Simulation sim, string name = "ds", string ns = "default") =>
        sim.State.Pods.Values.Where(p => p.Namespace == ns && p.Metadata.Labels.GetValueOrDefault("app") == name).ToList();

    public static string Image(this Pod pod) => pod.Spec.Containers[0].Image;

    public static string RevisionHash(this Pod pod) => pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) ?? "";

    public static int Restarts(this Pod pod) => pod.Status.ContainerStatuses.Sum(c => c.RestartCount);

    /// <summary>The revision numbers <c>kubectl rollout history</c> lists.</summary>
    public static long[] RevisionNumbers(this Simulation sim, string name = "ds", string ns = "default") =>
        sim.GetRevisionHistory(ns, name).Select(r => r.Revision).ToArray();

    /// <summary>uid of each live pod by node.</summary>
    public static Dictionary<string, string> UidsByNode(this Simulation sim, string name = "ds") =>
        sim.LivePods(name).ToDictionary(kv => kv.Key, kv => kv.Value.Metadata.Uid, StringComparer.Ordinal);

    /// <summary>Steps the clock one event at a time until <paramref name="done"/> holds, calling <paramref name="observe"/> after every step.</summary>
    public static void StepUntil(this Simulation sim, Func<bool> done, Action observe, TimeSpan? limit = null)
    {
        var deadline = sim.Now + (limit ?? TimeSpan.FromHours(2));
        observe();
        while (!done())
        {
            sim.Step().ShouldBeTrue("the cluster went quiet before the condition held");
            sim.Now.ShouldBeLessThanOrEqualTo(deadline);
            observe();
        }
    }
}
