// The seed guide's fluentd DaemonSet on a simulated cluster of 500 workers, step by step:
//   1. kubectl create ns logging; kubectl apply -f daemonset.yaml
//   2. kubectl taint node k8s-worker-2 app=fluentd-logging:NoExecute
//   3. kubectl label node k8s-worker-1..5 type=platform-tools, then add nodeSelector type: platform-tools
// After each step it prints the DaemonSet status (kubectl get ds), where the pods run, and the new events;
// at the end it explains, rule by rule, why two workers run no fluentd pod.
// Usage: dotnet run --project samples/QuickStart [-- --workers N --seed S]
using Simulator.Engine;
using Simulator.Model;

var workers = ArgValue("--workers", 500);
var seed = (ulong)ArgValue("--seed", 1);

var sim = new Simulation(new SimulationOptions { Seed = seed });
for (var i = 1; i <= workers; i++)
{
    sim.CreateNode(new Node
    {
        Metadata = ObjectMeta.Named($"k8s-worker-{i}"),
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110") },
    });
}

var fluentd = new DaemonSet
{
    Metadata = new ObjectMeta { Name = "fluentd", Namespace = "logging", Labels = StringMap.Of("app", "fluentd-logging") },
    Spec = new DaemonSetSpec
    {
        Selector = LabelSelector.ForLabels("name", "fluentd"),
        Template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd") },
            Spec = new PodSpec
            {
                TerminationGracePeriodSeconds = 30,
                Containers = EquatableArray.Create(new Container
                {
                    Name = "fluentd-elasticsearch",
                    Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                    Resources = new ResourceRequirements
                    {
                        Limits = ResourceList.Of("memory", "200Mi"),
                        Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi"),
                    },
                    VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "/var/log")),
                }),
                Volumes = EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }),
            },
        },
    },
};

var seen = 0;
Step("kubectl create ns logging && kubectl apply -f daemonset.yaml", () =>
{
    sim.CreateNamespace("logging");
    sim.CreateDaemonSet(fluentd);
});

Step("kubectl taint node k8s-worker-2 app=fluentd-logging:NoExecute", () =>
    sim.TaintNode("k8s-worker-2", new Taint("app", "fluentd-logging", TaintEffect.NoExecute)));

Step("kubectl label node k8s-worker-{1..5} type=platform-tools && add nodeSelector type: platform-tools", () =>
{
    for (var i = 1; i <= Math.Min(5, workers); i++)
    {
        sim.LabelNode($"k8s-worker-{i}", "type", "platform-tools");
    }

    sim.UpdateDaemonSet("logging", "fluentd", ds => ds with
    {
        Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = ds.Spec.Template.Spec with { NodeSelector = StringMap.Of("type", "platform-tools") } } },
    });
});

// Why do some workers run no fluentd pod? The controller's and the scheduler's rules, one by one.
Console.WriteLine("$ why no fluentd pod on k8s-worker-2 and k8s-worker-10? (Simulation.ExplainPlacement)");
foreach (var node in new[] { "k8s-worker-2", "k8s-worker-10" }.Where(n => sim.State.Nodes.ContainsKey(n)))
{
    var explanation = sim.ExplainPlacement("logging", "fluentd", node);
    Console.WriteLine("  " + explanation.Summary());
    foreach (var rule in explanation.Rules)
    {
        Console.WriteLine($"    {(rule.Passed ? "pass" : "FAIL"),-4} {rule.Rule,-18} {rule.Detail}");
    }
}

void Step(string title, Action action)
{
    Console.WriteLine($"$ {title}");
    action();
    var result = sim.RunUntilSettled();
    var ds = sim.State.GetDaemonSet("logging", "fluentd")!;
    var s = ds.Status;
    Console.WriteLine($"  settled at {result.Time} after {result.Steps} steps");
    Console.WriteLine($"  {"NAME",-8} {"DESIRED",7} {"CURRENT",7} {"READY",5} {"UP-TO-DATE",10} {"AVAILABLE",9} {"NODE SELECTOR",-20}");
    var selector = ds.Spec.Template.Spec.NodeSelector.IsEmpty ? "<none>" : ds.Spec.Template.Spec.NodeSelector.ToString();
    Console.WriteLine($"  {ds.Name,-8} {s.DesiredNumberScheduled,7} {s.CurrentNumberScheduled,7} {s.NumberReady,5} {s.UpdatedNumberScheduled,10} {s.NumberAvailable,9} {selector,-20}");

    var pods = sim.State.PodsControlledBy(ds.Metadata.Uid).ToList();
    var byPhase = pods.GroupBy(p => p.IsTerminating ? "Terminating" : p.Status.Phase).OrderBy(g => g.Key, StringComparer.Ordinal);
    Console.WriteLine($"  pods: {pods.Count} ({string.Join(", ", byPhase.Select(g => $"{g.Count()} {g.Key}"))})");
    var nodes = pods.Select(p => p.Spec.NodeName).Where(n => n.Length != 0).Order(StringComparer.Ordinal).ToList();
    var without = sim.State.Nodes.Keys.Where(n => !nodes.Contains(n)).ToList();
    Console.WriteLine($"  nodes with a fluentd pod: {nodes.Count}; without: {Summarize(without)}");

    var fresh = sim.Events.Skip(seen).Where(e => e.InvolvedObject.Kind is "DaemonSet" or "Node" || e.Type == EventType.Warning).ToList();
    var reasons = fresh.GroupBy(e => $"{e.Type} {e.Reason}").Select(g => $"{g.Key} x{g.Count()}");
    Console.WriteLine($"  events: {string.Join(", ", reasons)}");
    foreach (var e in fresh.Where(e => e.Reason != "SuccessfulCreate").Take(5))
    {
        Console.WriteLine($"    {e}");
    }

    seen = sim.Events.Count;
    Console.WriteLine();
}

static string Summarize(List<string> names) => names.Count == 0 ? "none" : names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $" and {names.Count - 5} more";

int ArgValue(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
