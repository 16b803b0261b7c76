using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/model.md.</summary>
public class ModelPage
{
    [Fact]
    public void BuildANode()
    {
        // begin-snippet: model-node
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "gpu-1", Labels = StringMap.Of("pool", "gpu", "topology.kubernetes.io/zone", "eu-1a") },
            Spec = new NodeSpec { Taints = EquatableArray.Create(new Taint("nvidia.com/gpu", "present", TaintEffect.NoSchedule)) },
            Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "8", "memory", "32Gi", "pods", "110") },
        };

        var sim = new Simulation();
        var stored = sim.CreateNode(node);
        // Filled in on registration: allocatable = capacity, the hostname label, Ready conditions (a healthy kubelet), a uid.
        // stored.Status.Allocatable["memory"].ToString() == "32Gi"
        // stored.Labels["kubernetes.io/hostname"] == "gpu-1"
        // stored.IsReady == true
        // end-snippet

        stored.Status.Allocatable["memory"].ToString().ShouldBe("32Gi");
        stored.Labels["kubernetes.io/hostname"].ShouldBe("gpu-1");
        stored.IsReady.ShouldBeTrue();
        stored.Metadata.Uid.ShouldNotBeNullOrEmpty();
        node.Metadata.Uid.ShouldBeEmpty();
    }

    [Fact]
    public void ChangeWithWith()
    {
        var sim = new Simulation();
        sim.CreateNode(new Node { Metadata = ObjectMeta.Named("worker-1"), Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110") } });

        // begin-snippet: model-with
        var before = sim.State.GetNode("worker-1")!;
        var relabelled = before with
        {
            Metadata = before.Metadata with { Labels = before.Labels.With("type", "platform-tools") },
        };
        sim.UpdateNode(relabelled);                                   // or sim.LabelNode("worker-1", "type", "platform-tools")

        var after = sim.State.GetNode("worker-1")!;
        // before.Labels has no "type": records never change, `with` makes a copy
        // after.Labels["type"] == "platform-tools"
        // end-snippet

        before.Labels.ContainsKey("type").ShouldBeFalse();
        after.Labels["type"].ShouldBe("platform-tools");
        after.Metadata.ResourceVersion.ShouldBeGreaterThan(before.Metadata.ResourceVersion);
    }

    [Fact]
    public void CollectionsCompareByContent()
    {
        // begin-snippet: model-equality
        var a = StringMap.Of("app", "fluentd", "tier", "logging");
        var b = StringMap.Of("tier", "logging").With("app", "fluentd");
        var same = a == b;                                            // true: content, not reference, and keys sort ordinally

        var requests = ResourceList.Of("memory", "200Mi", "cpu", "100m");
        var cpu = requests["cpu"].MilliValue;                         // 100
        var text = requests.ToString();                               // "cpu=100m,memory=200Mi"

        var tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Equal, "logging", TaintEffect.NoSchedule));
        var sameTolerations = tolerations == EquatableArray.Create(new Toleration("dedicated", "Equal", "logging", "NoSchedule"));   // true
        // end-snippet

        same.ShouldBeTrue();
        a.Keys.ShouldBe(["app", "tier"]);
        cpu.ShouldBe(100);
        text.ShouldBe("cpu=100m,memory=200Mi");
        sameTolerations.ShouldBeTrue();
    }

    [Fact]
    public void QuantitiesAreExact()
    {
        // begin-snippet: model-quantity
        var half = Quantity.Parse("500m");
        var total = half + Quantity.Parse("1.5");                    // 2 cores, exactly
        var bytes = Quantity.Parse("1Gi").Value;                      // 1073741824
        var bigger = Quantity.Parse("1G") < Quantity.Parse("1Gi");    // true: 10^9 < 2^30
        // end-snippet

        total.MilliValue.ShouldBe(2000);
        bytes.ShouldBe(1073741824);
        bigger.ShouldBeTrue();
    }
}
