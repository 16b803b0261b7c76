using Simulator.Engine;
using Simulator.Kubernetes.Views;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Views;

public class KubectlTablesTests
{
    private static (Simulation Sim, ClusterState State) Cluster()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.RunFor(TimeSpan.FromMinutes(5));
        return (sim, sim.State);
    }

    [Fact]
    public void Render_Nodes_PrintsStatusRolesAgeVersion()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Nodes, s.Nodes.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(Golden.NodesTable);
    }

    [Fact]
    public void Render_NodesWide_AddsAddressesAndNodeInfo()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Nodes, s.Nodes.Values, s, sim.Now, wide: true, allNamespaces: false).ShouldBe(Golden.NodesWide);
    }

    [Fact]
    public void Render_NodesAllNamespaces_HasNoNamespaceColumn()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Nodes, s.Nodes.Values, s, sim.Now, wide: false, allNamespaces: true).ShouldBe(Golden.NodesTable);
    }

    [Fact]
    public void Render_Pods_PrintsReadyStatusRestartsAge()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Pods, s.Pods.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(Golden.PodsTable);
    }

    [Fact]
    public void Render_PodsWideAllNamespaces_AddsNamespaceIpNodeNominatedAndGates()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Pods, s.Pods.Values, s, sim.Now, wide: true, allNamespaces: true).ShouldBe(Golden.PodsWideAllNamespaces);
    }

    [Fact]
    public void Render_DaemonSets_PrintsStatusCountersAndNodeSelector()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.DaemonSets, s.DaemonSets.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(
            "NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n" +
            "fluentd   3         3         3       3            3           <none>          5m1s\n");
    }

    [Fact]
    public void Render_DaemonSetsWideAllNamespaces_AddsContainersImagesSelector()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.DaemonSets, s.DaemonSets.Values, s, sim.Now, wide: true, allNamespaces: true).ShouldBe(Golden.DaemonSetsWideAllNamespaces);
    }

    [Fact]
    public void Render_ControllerRevisions_NamesTheControllerWithGroup()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.ControllerRevisions, s.ControllerRevisions.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(Golden.ControllerRevisionsTable);
    }

    [Fact]
    public void Render_PriorityClasses_PrintsValueDefaultAgePolicy()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.PriorityClasses, s.PriorityClasses.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(Golden.PriorityClassesTable);
    }

    [Fact]
    public void Render_Namespaces_PrintsPhaseAndAge()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Namespaces, s.Namespaces.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(Golden.NamespacesTable);
    }

    [Fact]
    public void Render_EventsAllNamespaces_PrintsLastSeenAndLowerCaseObject()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Events, sim.Events, s, sim.Now, wide: false, allNamespaces: true).ShouldBe(Golden.EventsAllNamespaces);
    }

    [Fact]
    public void Render_EventsWide_AddsSourceFirstSeenCountName()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Events, sim.Events.Take(2), s, sim.Now, wide: true, allNamespaces: false).ShouldBe(Golden.EventsWide);
    }

    [Fact]
    public void Render_NoObjects_IsEmpty()
    {
        var (sim, s) = Cluster();
        KubectlTables.Render(KubectlResource.Pods, [], s, sim.Now, wide: false, allNamespaces: false).ShouldBe("");
    }

    [Fact]
    public void Render_WrongObjectType_Throws()
    {
        var (sim, s) = Cluster();
        Should.Throw<ArgumentException>(() => KubectlTables.Render(KubectlResource.Pods, s.Nodes.Values, s, sim.Now, wide: false, allNamespaces: false));
    }

    [Fact]
    public void Render_CordonedAndFailedNodes_ShowNotReadyAndSchedulingDisabled()
    {
        var (sim, _) = Cluster();
        sim.Cordon("w1");
        sim.SetNodeCondition("w2", NodeConditionType.Ready, ConditionStatus.Unknown, "NodeStatusUnknown", "Kubelet stopped posting node status.");
        var s = sim.State;
        KubectlTables.Render(KubectlResource.Nodes, s.Nodes.Values, s, sim.Now, wide: false, allNamespaces: false).ShouldBe(
            "NAME   STATUS                     ROLES           AGE    VERSION\n" +
            "cp-1   Ready                      control-plane   5m1s   v1.34.0\n" +
            "w1     Ready,SchedulingDisabled   <none>          5m1s   v1.34.0\n" +
            "w2     NotReady                   <none>          5m1s   v1.34.0\n");
    }

    [Fact]
    public void Render_NodeWithoutReadyCondition_IsUnknown()
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "n", CreationTimestamp = SimTime.DefaultStart, Labels = StringMap.Of("kubernetes.io/role", "infra", "node-role.kubernetes.io/worker", "") },
        };
        KubectlTables.Render(KubectlResource.Nodes, [node], ClusterState.Empty(SimTime.DefaultStart), SimTime.DefaultStart + TimeSpan.FromDays(2), wide: false, allNamespaces: false).ShouldBe(
            "NAME   STATUS    ROLES          AGE   VERSION\n" +
            "n      Unknown   infra,worker   2d    v1.34.0\n");
    }

    [Theory]
    [InlineData("a waiting container shows its reason", "CrashLoopBackOff", null, null, false, "0/1", "CrashLoopBackOff")]
    [InlineData("a terminated container shows its reason", null, "Error", 1, false, "0/1", "Error")]
    [InlineData("a terminated container without a reason shows its exit code", null, null, 137, false, "0/1", "ExitCode:137")]
    [InlineData("a ready running container counts as ready", null, null, null, true, "1/1", "Running")]
    public void Render_PodStatus_FollowsContainerStates(string description, string? waiting, string? terminated, int? exitCode, bool running, string ready, string status)
    {
        _ = description;
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", CreationTimestamp = SimTime.DefaultStart },
            Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "c", Image = "i" }) },
            Status = new PodStatus
            {
                Phase = PodPhase.Running,
                ContainerStatuses = EquatableArray.Create(new ContainerStatus
                {
                    Name = "c",
                    Ready = running,
                    RestartCount = 3,
                    State = new ContainerState { WaitingReason = waiting, TerminatedReason = terminated, ExitCode = exitCode, RunningSince = running ? SimTime.DefaultStart : null },
                }),
            },
        };
        var width = Math.Max(status.Length, "STATUS".Length) + 3;
        KubectlTables.Render(KubectlResource.Pods, [pod], ClusterState.Empty(SimTime.DefaultStart), SimTime.DefaultStart + TimeSpan.FromSeconds(59), wide: false, allNamespaces: false).ShouldBe(
            "NAME   READY   " + "STATUS".PadRight(width) + "RESTARTS   AGE\n" +
            $"p      {ready}     " + status.PadRight(width) + "3          59s\n");
    }

    [Fact]
    public void Render_TerminatingPod_ShowsTerminating()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", CreationTimestamp = SimTime.DefaultStart, DeletionTimestamp = SimTime.DefaultStart },
            Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "c", Image = "i" }) },
            Status = new PodStatus { Phase = PodPhase.Pending },
        };
        KubectlTables.Render(KubectlResource.Pods, [pod], ClusterState.Empty(SimTime.DefaultStart), SimTime.DefaultStart + TimeSpan.FromMinutes(90), wide: true, allNamespaces: false).ShouldBe(
            "NAME   READY   STATUS        RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n" +
            "p      0/1     Terminating   0          90m   <none>   <none>   <none>           <none>\n");
    }
}
