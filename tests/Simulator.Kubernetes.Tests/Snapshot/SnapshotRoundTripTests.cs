using Simulator.Engine;
using Simulator.Kubernetes.Manifests;
using Simulator.Kubernetes.Output;
using Simulator.Kubernetes.Tests.Views;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Snapshot;

/// <summary>
/// A cluster written out as <c>kubectl get ... -A -o yaml</c> and loaded back with <c>sim load</c> must be the same cluster: the
/// controllers find nothing to do (no pod restarted, no revision made), as after a control-plane restart.
/// </summary>
public class SnapshotRoundTripTests
{
    private static Simulation RolledCluster()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.SetImage("logging", "fluentd", "fluentd-elasticsearch", "quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
        sim.RunUntilSettled();
        sim.TaintNode("w2", new Taint("app", "fluentd-logging", TaintEffect.NoExecute));
        sim.RunUntilSettled();
        return sim;
    }

    private static Simulation Reload(Simulation original, SimulationOptions? options = null)
    {
        var yaml = KubectlOutput.Yaml(Snapshots.Export(original.State), asList: true);
        var snapshot = Snapshots.FromManifests(ManifestReader.ReadText(yaml, "cluster.yaml"));
        var copy = new Simulation(options ?? new SimulationOptions { Seed = 99, Start = original.Now });
        copy.Restore(snapshot);
        return copy;
    }

    [Fact]
    public void Reloaded_cluster_keeps_every_pod_revision_and_status()
    {
        var original = RolledCluster();
        var copy = Reload(original);
        copy.RunUntilSettled().Settled.ShouldBeTrue();

        copy.State.Pods.Keys.ShouldBe(original.State.Pods.Keys);
        foreach (var (key, pod) in original.State.Pods)
        {
            var loaded = copy.State.Pods[key];
            loaded.Metadata.Uid.ShouldBe(pod.Metadata.Uid);
            loaded.Spec.NodeName.ShouldBe(pod.Spec.NodeName);
            loaded.Metadata.Labels.ShouldBe(pod.Metadata.Labels);
            loaded.Status.Phase.ShouldBe(pod.Status.Phase);
        }

        copy.State.ControllerRevisions.Keys.ShouldBe(original.State.ControllerRevisions.Keys);
        var ds = copy.State.GetDaemonSet("logging", "fluentd")!;
        ds.Status.ShouldBe(original.State.GetDaemonSet("logging", "fluentd")!.Status);
        ds.Metadata.Generation.ShouldBe(original.State.GetDaemonSet("logging", "fluentd")!.Metadata.Generation);
        copy.Events.ShouldNotContain(e => e.Reason == "SuccessfulCreate" || e.Reason == "SuccessfulDelete");
    }

    [Fact]
    public void Reloaded_cluster_keeps_node_taints_labels_and_capacity()
    {
        var original = RolledCluster();
        var copy = Reload(original);
        foreach (var (name, node) in original.State.Nodes)
        {
            var loaded = copy.State.Nodes[name];
            loaded.Spec.ShouldBe(node.Spec);
            loaded.Metadata.Labels.ShouldBe(node.Metadata.Labels);
            loaded.Status.Allocatable.ShouldBe(node.Status.Allocatable);
            loaded.Metadata.CreationTimestamp.ShouldBe(node.Metadata.CreationTimestamp);
        }
    }

    [Fact]
    public void Controllers_resume_from_a_loaded_cluster()
    {
        // After the load, the cluster behaves as the original would: removing the taint brings the daemon pod back on w2.
        var copy = Reload(RolledCluster());
        copy.RunUntilSettled();
        copy.RemoveTaint("w2", "app");
        copy.RunUntilSettled();
        copy.State.GetDaemonSet("logging", "fluentd")!.Status.DesiredNumberScheduled.ShouldBe(3);
        copy.State.GetDaemonSet("logging", "fluentd")!.Status.NumberReady.ShouldBe(3);
        copy.State.PodsOnNode("w2").Count(p => p.Namespace == "logging").ShouldBe(1);
    }

    [Fact]
    public void Loading_an_object_twice_changes_nothing()
    {
        var original = RolledCluster();
        var copy = Reload(original);
        var before = copy.State;
        var yaml = KubectlOutput.Yaml(Snapshots.Export(original.State), asList: true);
        var again = Snapshots.FromManifests(ManifestReader.ReadText(yaml, "cluster.yaml"));
        Should.Throw<Validation.ApiException>(() => copy.Restore(again)).Message.ShouldContain("already exists");
        copy.State.ShouldBeSameAs(before);
    }
}
