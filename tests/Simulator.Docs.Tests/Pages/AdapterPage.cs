using k8s.Models;
using Simulator.Engine;
using Simulator.Kubernetes.Manifests;
using Simulator.Kubernetes.Output;
using Simulator.Kubernetes.Views;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/kubernetes-adapter.md.</summary>
public class AdapterPage
{
    [Fact]
    public void ManifestsInKubectlOut()
    {
        // begin-snippet: adapter-manifests
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: monitoring
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
              namespace: monitoring
            spec:
              selector:
                matchLabels: {app: node-exporter}
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  hostNetwork: true
                  containers:
                  - name: node-exporter
                    image: quay.io/prometheus/node-exporter:v1.8.2
                    ports: [{containerPort: 9100}]
            """;
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);
        var result = ManifestApplier.Apply(sim, ManifestReader.ReadText(yaml, "node-exporter.yaml"), ApplyMode.Apply);
        // result.Lines: "namespace/monitoring created", "daemonset.apps/node-exporter created"
        sim.RunUntilSettled();

        var ds = sim.State.GetDaemonSet("monitoring", "node-exporter")!;
        var table = KubectlTables.Render(KubectlResource.DaemonSets, [ds], sim.State, sim.Now, wide: false, allNamespaces: false);
        // NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
        // node-exporter   3         3         3       3            3           <none>          2s
        // end-snippet

        result.Lines.ShouldBe(["namespace/monitoring created", "daemonset.apps/node-exporter created"]);
        var lines = table.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"]);
        lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..7].ShouldBe(["node-exporter", "3", "3", "3", "3", "3", "<none>"]);
        // hostNetwork: the pod's containerPort becomes a hostPort, which the NodePorts filter checks.
        sim.State.Pods.Values.ShouldAllBe(p => p.Spec.Containers[0].Ports[0].HostPort == 9100);
    }

    [Fact]
    public void KubernetesClientObjects()
    {
        // begin-snippet: adapter-v1
        var sim = new Simulation();
        var result = ManifestApplier.Apply(sim, new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = "edge-1", Labels = new Dictionary<string, string> { ["site"] = "store-42" } },
            Status = new V1NodeStatus
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("4Gi"), ["pods"] = new("30") },
            },
        });
        // result.Lines: "node/edge-1 created"
        var node = sim.State.GetNode("edge-1")!;                        // the core model: node.Labels["site"] == "store-42"
        // end-snippet

        result.Lines.ShouldBe(["node/edge-1 created"]);
        node.Labels["site"].ShouldBe("store-42");
        node.Status.Allocatable["pods"].Value.ShouldBe(30);
    }

    [Fact]
    public void SnapshotRoundTrip()
    {
        var live = new Simulation();
        Examples.AddWorkers(live, 3);
        live.CreateNamespace("logging");
        live.CreateDaemonSet(Examples.Fluentd());
        live.RunUntilSettled();

        // begin-snippet: adapter-snapshot
        // What `kubectl get nodes,pods,daemonsets,controllerrevisions,priorityclasses -A -o yaml` would print ...
        var yaml = KubectlOutput.Yaml(Snapshots.Export(live.State), asList: true);

        // ... loaded into a fresh simulation, as `kubesim`'s `sim load -f cluster.yaml` does.
        var whatIf = new Simulation(new SimulationOptions { Start = live.Now });
        whatIf.Restore(Snapshots.FromManifests(ManifestReader.ReadText(yaml, "cluster.yaml")));
        whatIf.RunUntilSettled();
        var samePods = whatIf.State.Pods.Keys.SequenceEqual(live.State.Pods.Keys);   // true: adopted as they are, nothing restarts

        whatIf.TaintNode("worker-1", new Taint("maintenance", "", TaintEffect.NoExecute));   // try a change on the copy
        whatIf.RunUntilSettled();
        // whatIf's fluentd now runs on 2 nodes; live is untouched and still runs on 3
        // end-snippet

        samePods.ShouldBeTrue();
        whatIf.State.Pods.Values.ShouldAllBe(p => p.Status.Phase == PodPhase.Running);
        Examples.NodesRunning(whatIf, "logging", "fluentd").ShouldBe(["worker-2", "worker-3"]);
        Examples.NodesRunning(live, "logging", "fluentd").Count.ShouldBe(3);
        whatIf.Events.ShouldNotContain(e => e.Reason == "SuccessfulCreate");
    }
}
