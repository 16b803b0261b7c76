using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Testing;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The C# of README.md: the quick start, a user's placement test and a scheduler rule.</summary>
public class ReadmePage
{
    [Fact]
    public void QuickStart()
    {
        // begin-snippet: readme-quickstart
        var sim = new Simulation(new SimulationOptions { Seed = 42 });
        for (var i = 1; i <= 500; i++)
        {
            sim.CreateNode(new Node
            {
                Metadata = ObjectMeta.Named($"k8s-worker-{i}"),
                Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110") },
            });
        }

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(new DaemonSet
        {
            Metadata = new ObjectMeta { Name = "fluentd", Namespace = "logging" },
            Spec = new DaemonSetSpec
            {
                Selector = LabelSelector.ForLabels("name", "fluentd"),
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd") },
                    Spec = new PodSpec
                    {
                        Containers = EquatableArray.Create(new Container
                        {
                            Name = "fluentd",
                            Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                            Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi") },
                        }),
                    },
                },
            },
        });

        sim.RunUntilSettled();
        var status = sim.State.GetDaemonSet("logging", "fluentd")!.Status;   // desired 500, current 500, ready 500, ...

        sim.TaintNode("k8s-worker-2", new Taint("app", "fluentd-logging", TaintEffect.NoExecute));
        sim.RunUntilSettled();                                               // the pod on k8s-worker-2 is deleted: desired 499
        var why = sim.ExplainPlacement("logging", "fluentd", "k8s-worker-2").Summary();
        // DaemonSet logging/fluentd should not run on k8s-worker-2: taint app=fluentd-logging:NoExecute is not tolerated: ...
        // end-snippet

        status.DesiredNumberScheduled.ShouldBe(500);
        status.NumberReady.ShouldBe(500);
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.DesiredNumberScheduled.ShouldBe(499);
        sim.State.PodsOnNode("k8s-worker-2").ShouldBeEmpty();
        why.ShouldStartWith("DaemonSet logging/fluentd should not run on k8s-worker-2: taint app=fluentd-logging:NoExecute is not tolerated: ");
    }

    // begin-snippet: readme-user-test
    [Fact]
    public void Fluentd_SkipsTheWorkerTaintedForMaintenance()
    {
        var cluster = Cluster.With(5).Workers().Run(Presets.Fluentd);
        cluster.Taint("k8s-worker-2", "app=fluentd-logging:NoExecute");
        cluster.ShouldRunOnEveryNodeExcept("logging/fluentd", "k8s-worker-2");
    }
    // end-snippet

    [Fact]
    public void UserTest_FailureMessage()
    {
        // begin-snippet: readme-user-test-failure
        var cluster = Cluster.With(5).Workers().Run(Presets.Fluentd).Taint("k8s-worker-2", "app=fluentd-logging:NoExecute");
        var failure = Should.Throw<ShouldAssertException>(() => cluster.ShouldRunOnEveryNode("logging/fluentd"));
        // failure.Message:
        // DaemonSet logging/fluentd should run on k8s-worker-2 but does not: taint app=fluentd-logging:NoExecute is not tolerated
        // end-snippet

        failure.Message.ShouldBe("DaemonSet logging/fluentd should run on k8s-worker-2 but does not: taint app=fluentd-logging:NoExecute is not tolerated");
    }

    // begin-snippet: readme-scheduler-rule
    /// <summary>Keeps daemon pods off nodes reserved for GPU work.</summary>
    public sealed class NoDaemonsOnGpuNodes : IFilterRule
    {
        public string Name => "NoDaemonsOnGpuNodes";

        public FilterResult Filter(PodSchedulingContext pod, NodeInfo node) =>
            node.Node.Labels.ContainsKey("nvidia.com/gpu.present") && pod.Pod.Metadata.ControllerRef?.Kind == "DaemonSet"
                ? FilterResult.Unresolvable("node(s) reserved for GPU work")
                : FilterResult.Success;
    }
    // end-snippet

    [Fact]
    public void SchedulerRule()
    {
        // begin-snippet: readme-scheduler-profile
        var profile = SchedulerProfile.Default.WithWeight("TaintToleration", 5).With(new NoDaemonsOnGpuNodes());
        var cluster = Cluster.With(2).Workers().And(1).Named("gpu-").Labelled("nvidia.com/gpu.present", "true")
            .WithOptions(o => o with { SchedulerProfile = profile })
            .Run(Presets.Fluentd);
        cluster.ShouldBePendingOn("logging/fluentd", "gpu-1", "node(s) reserved for GPU work");
        // end-snippet

        cluster.ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-2");
    }
}
