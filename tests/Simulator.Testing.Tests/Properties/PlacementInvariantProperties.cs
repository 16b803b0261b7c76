using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Simulator.Model;

namespace Simulator.Testing.Tests.Properties;

/// <summary>The library's own invariant on big random clusters, and the same placement worked out independently, the obvious way.</summary>
public class PlacementInvariantProperties
{
    private static Arbitrary<ClusterBuilder> BigClusters => Arb.From(SimulatorGen.Cluster(500, 520), SimulatorGen.ShrinkCluster);

    // Each case settles a 500-520 node cluster; a handful of cases keeps the suite well under a minute.
    [Property(MaxTest = 8)]
    public Property DaemonSet_Settled_RunsWhereItsRulesAllow() =>
        Prop.ForAll(BigClusters, SimulatorGen.DaemonSet().ToArbitrary(), (cluster, ds) =>
        {
            var test = cluster.Run(ds);

            test.ShouldRunWhereItsRulesAllow(ds.Key);
            test.NodesRunning(ds.Key).ShouldBe(ReferencePlacement(cluster, ds.Build()));
        });

    /// <summary>
    /// Where a lone DaemonSet runs on a cluster of Ready nodes with nothing else on them: the nodeSelector and required affinity
    /// match, every NoSchedule and NoExecute taint is tolerated (cordoning is tolerated by every daemon pod), and the requests fit
    /// the node's capacity and pod count.
    /// </summary>
    internal static IReadOnlyList<string> ReferencePlacement(ClusterBuilder cluster, DaemonSet ds)
    {
        var spec = ds.Spec.Template.Spec;
        var requests = spec.Containers[0].Resources.Requests;
        return [.. cluster.Nodes()
            .Where(n => spec.NodeSelector.All(s => n.Labels.GetValueOrDefault(s.Key) == s.Value))
            .Where(n => spec.Affinity?.NodeAffinity?.Required is not { } required || required.Matches(n.Name, n.Labels))
            .Where(n => n.Spec.Taints.All(t => t.Effect == TaintEffect.PreferNoSchedule || spec.Tolerations.Any(tol => tol.Tolerates(t))))
            .Where(n => requests.Get(ResourceNames.Cpu) <= n.Status.Capacity.Get(ResourceNames.Cpu)
                && requests.Get(ResourceNames.Memory) <= n.Status.Capacity.Get(ResourceNames.Memory)
                && n.Status.Capacity.Get(ResourceNames.Pods) > Quantity.Zero)
            .Select(n => n.Name)
            .Order(Comparer<string>.Create(NaturalCompare))];
    }

    private static int NaturalCompare(string x, string y)
    {
        var (px, nx) = Split(x);
        var (py, ny) = Split(y);
        var byPrefix = string.CompareOrdinal(px, py);
        return byPrefix != 0 ? byPrefix : nx.CompareTo(ny);

        static (string Prefix, long Number) Split(string s)
        {
            var i = s.Length;
            while (i > 0 && char.IsAsciiDigit(s[i - 1]))
            {
                i--;
            }

            return i == s.Length ? (s, -1) : (s[..i], long.Parse(s[i..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
