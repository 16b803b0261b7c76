using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;

namespace Simulator.Tests.Controllers;

/// <summary>Builders for the pure controller tests: stored DaemonSets, snapshots and daemon pods at chosen ages.</summary>
internal static class ControllerKit
{
    public static readonly SimTime T0 = SimTime.DefaultStart;

    public const string DsUid = "00000000-0000-4000-8000-0000000000d5";

    /// <summary>A DaemonSet as the API server stores it: defaulted, uid, generation, template generation annotation.</summary>
    public static DaemonSet Stored(DaemonSet ds, long generation = 1, long templateGeneration = 1) => Defaults.Apply(ds) with
    {
        Metadata = ds.Metadata with
        {
            Uid = DsUid,
            Generation = generation,
            CreationTimestamp = T0 - TimeSpan.FromHours(1),
            Annotations = ds.Metadata.Annotations.With(DaemonSetLabels.TemplateGenerationAnnotation, templateGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        },
    };

    /// <summary>The simple DaemonSet "ds" of namespace default, stored.</summary>
    public static DaemonSet SimpleDs(Func<PodSpec, PodSpec>? spec = null) => Stored(Fixtures.DaemonSet("ds", spec));

    public static DaemonSet WithStrategy(this DaemonSet ds, IntOrString maxUnavailable, IntOrString maxSurge) => ds with
    {
        Spec = ds.Spec with
        {
            UpdateStrategy = new DaemonSetUpdateStrategy
            {
                Type = DaemonSetUpdateStrategyType.RollingUpdate,
                RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
            },
        },
    };

    /// <summary>The DaemonSet after a template change, as the API server stores it: generation and template generation bumped.</summary>
    public static DaemonSet NextTemplate(this DaemonSet ds, string image = "busybox:1.37")
    {
        var next = ds.WithImage(image);
        var generation = long.Parse(ds.Metadata.Annotations[DaemonSetLabels.TemplateGenerationAnnotation], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return next with
        {
            Metadata = next.Metadata with
            {
                Generation = ds.Metadata.Generation + 1,
                Annotations = next.Metadata.Annotations.With(DaemonSetLabels.TemplateGenerationAnnotation, generation.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
        };
    }

    public static DaemonSet WithImage(this DaemonSet ds, string image) => ds with
    {
        Spec = ds.Spec with
        {
            Template = ds.Spec.Template with
            {
                Spec = ds.Spec.Template.Spec with { Containers = ds.Spec.Template.Spec.Containers.Select(c => c with { Image = image }).ToEquatableArray() },
            },
        },
    };

    /// <summary>A Ready node with allocatable = capacity, as the simulation registers it.</summary>
    public static Node Node(string name, StringMap labels = default, params Taint[] taints)
    {
        var node = Fixtures.Node(name, labels, taints: taints);
        return node with
        {
            Metadata = node.Metadata with { Uid = "uid-" + name },
            Status = node.Status with
            {
                Allocatable = node.Status.Capacity,
                Conditions = EquatableArray.Create(new NodeCondition(NodeConditionType.Ready, ConditionStatus.True, T0)),
            },
        };
    }

    public static Node Tainted(this Node node, params Taint[] taints) => node with { Spec = node.Spec with { Taints = EquatableArray.Create(taints) } };

    public static ClusterState Cluster(params Node[] nodes)
    {
        var state = ClusterState.Empty(T0);
        foreach (var node in nodes)
        {
            state = state.WithNode(node);
        }

        return state;
    }

    public static ClusterState With(this ClusterState state, params Pod[] pods)
    {
        foreach (var pod in pods)
        {
            state = state.WithPod(pod);
        }

        return state;
    }

    /// <summary>
    /// A pod the DaemonSet created for <paramref name="node"/> <paramref name="ageSeconds"/> before <see cref="T0"/>: bound unless told
    /// otherwise, Running and Ready since its creation.
    /// </summary>
    public static Pod DaemonPod(DaemonSet ds, string node, string name, int ageSeconds = 60, bool bound = true, string phase = PodPhase.Running, bool? ready = null, int? readyForSeconds = null, bool terminating = false)
    {
        var created = T0 - TimeSpan.FromSeconds(ageSeconds);
        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), node);
        pod = pod with
        {
            Metadata = pod.Metadata with
            {
                Name = name,
                Uid = "uid-" + name,
                CreationTimestamp = created,
                DeletionTimestamp = terminating ? T0 + TimeSpan.FromSeconds(30) : null,
            },
            Spec = pod.Spec with { NodeName = bound ? node : "" },
            Status = new PodStatus { Phase = bound ? phase : PodPhase.Pending },
        };
        var isReady = ready ?? (bound && phase == PodPhase.Running);
        if (isReady)
        {
            pod = pod.WithCondition(new PodCondition(PodConditionType.Ready, ConditionStatus.True, T0 - TimeSpan.FromSeconds(readyForSeconds ?? ageSeconds)));
        }

        return pod;
    }

    /// <summary>A pod with no owner, labelled like the DaemonSet's pods.</summary>
    public static Pod Orphan(string name, StringMap labels, string node = "node-1", string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = "uid-" + name, Labels = labels, CreationTimestamp = T0 - TimeSpan.FromMinutes(5) },
        Spec = new PodSpec { NodeName = node, Containers = EquatableArray.Create(Fixtures.Container()) },
        Status = new PodStatus { Phase = PodPhase.Running },
    };

    public static IEnumerable<string> Creates(this IEnumerable<DaemonSetAction> actions) => actions.OfType<CreateDaemonPod>().Select(a => a.NodeName);

    public static IEnumerable<string> Deletes(this IEnumerable<DaemonSetAction> actions) => actions.OfType<DeleteDaemonPod>().Select(a => a.Pod.Name);

    public static IEnumerable<ClusterEvent> EventsWith(this Simulation sim, string reason) => sim.Events.Where(e => e.Reason == reason);

    /// <summary>Live (not terminating) pods of a DaemonSet by node name.</summary>
    public static SortedDictionary<string, Pod> LivePods(this Simulation sim, string name, string ns = "default")
    {
        var ds = sim.State.GetDaemonSet(ns, name)!;
        var pods = sim.State.PodsControlledBy(ds.Metadata.Uid)
            .Where(p => !p.IsTerminating)
            .GroupBy(p => Simulator.Scheduling.PodPlacement.TargetNodeName(p) ?? "")
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        return new SortedDictionary<string, Pod>(pods, StringComparer.Ordinal);
    }

    public static DaemonSetStatus StatusOf(this Simulation sim, string name, string ns = "default") => sim.State.GetDaemonSet(ns, name)!.Status;

    /// <summary>A simulation with nodes node-1..node-N, a one-second kubelet, and the DaemonSet created and settled.</summary>
    public static Simulation Settled(int nodes, DaemonSet ds)
    {
        var sim = Fixtures.Cluster(nodes);
        sim.CreateDaemonSet(ds);
        sim.RunUntilSettled(TimeSpan.FromMinutes(10)).Settled.ShouldBeTrue();
        return sim;
    }
}
