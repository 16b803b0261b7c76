using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Plotting.Tests;

/// <summary>Small clusters with known answers.</summary>
internal static class Scenarios
{
    public const string Image1 = "fluentd:v1";
    public const string Image2 = "fluentd:v2";

    public static Node Worker(string name, string cpu = "4") => new()
    {
        Metadata = ObjectMeta.Named(name),
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", cpu, "memory", "16Gi", "pods", "110") },
    };

    public static DaemonSet Fluentd(IntOrString? maxUnavailable = null, IntOrString? maxSurge = null, string ns = "logging", string name = "fluentd") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new DaemonSetSpec
        {
            Selector = LabelSelector.ForLabels("name", name),
            UpdateStrategy = new DaemonSetUpdateStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable ?? 1, MaxSurge = maxSurge },
            },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = StringMap.Of("name", name) },
                Spec = new PodSpec
                {
                    TerminationGracePeriodSeconds = 30,
                    Containers = EquatableArray.Create(new Container
                    {
                        Name = "fluentd",
                        Image = Image1,
                        Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi") },
                    }),
                },
            },
        },
    };

    /// <summary>
    /// Five workers w-1..w-5: w-2 tainted dedicated=db:NoSchedule before the DaemonSet exists (not eligible), w-3 cordoned
    /// (eligible: daemon pods tolerate unschedulable); fluentd with maxUnavailable 1, settled on w-1, w-3, w-4, w-5.
    /// </summary>
    public static Simulation FiveNodes(ulong seed = 1)
    {
        var sim = new Simulation(new SimulationOptions { Seed = seed });
        for (var i = 1; i <= 5; i++)
        {
            sim.CreateNode(Worker($"w-{i}"));
        }

        sim.TaintNode("w-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.Cordon("w-3");
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fluentd());
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        return sim;
    }
}
