using System.Globalization;
using System.Text;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Views;

/// <summary><c>kubectl rollout status</c> and <c>kubectl rollout history</c> for DaemonSets, as kubectl prints them.</summary>
public static class KubectlRollout
{
    /// <summary><c>kubectl rollout status ds/NAME</c> at this moment (one check, as with <c>--watch=false</c>).</summary>
    /// <param name="sim">The simulation.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>kubectl's line with its newline, e.g. <c>daemon set "fluentd" successfully rolled out</c>.</returns>
    /// <exception cref="Simulator.Validation.ApiException">The DaemonSet is gone, or its strategy is not RollingUpdate ("rollout status is only available for RollingUpdate strategy type").</exception>
    public static string Status(Simulation sim, DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(ds);
        return sim.GetRolloutStatus(ds.Namespace, ds.Name).Message + "\n";
    }

    /// <summary><c>kubectl rollout history ds/NAME</c>.</summary>
    /// <remarks>
    /// kubectl prints the resource name followed by a space and a newline, then the REVISION / CHANGE-CAUSE table
    /// (padding two, revisions ascending, <c>&lt;none&gt;</c> without a <c>kubernetes.io/change-cause</c> annotation) and a
    /// blank line; without revisions the table is replaced by <c>No rollout history found.</c>.
    /// </remarks>
    /// <param name="sim">The simulation.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The output.</returns>
    /// <exception cref="Simulator.Validation.ApiException">The DaemonSet does not exist.</exception>
    public static string History(Simulation sim, DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(ds);
        var history = sim.GetRevisionHistory(ds.Namespace, ds.Name);
        if (history.Count == 0)
        {
            return ResourceName(ds) + " \nNo rollout history found.\n";
        }

        var table = new StringBuilder("REVISION\tCHANGE-CAUSE\n");
        foreach (var revision in history.OrderBy(r => r.Revision))
        {
            var cause = revision.ChangeCause is { Length: > 0 } c ? c : KubectlFormat.None;
            table.Append(revision.Revision.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(cause).Append('\n');
        }

        var writer = TabWriter.ForDescribe();
        writer.Write(table.ToString());
        return ResourceName(ds) + " \n" + writer + "\n";
    }

    /// <summary><c>kubectl rollout history ds/NAME --revision=N</c>: the revision's pod template.</summary>
    /// <remarks>
    /// kubectl writes this template through describe's prefix writer without aligning it, so the label/value separators
    /// stay tab characters, exactly as kubectl's output has them.
    /// </remarks>
    /// <param name="sim">The simulation.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="revision">The revision number.</param>
    /// <returns><c>daemonset.apps/NAME with revision #N</c>, the template, and a blank line.</returns>
    /// <exception cref="Simulator.Validation.ApiException">The DaemonSet does not exist, or has no such revision ("unable to find the specified revision").</exception>
    public static string HistoryRevision(Simulation sim, DaemonSet ds, long revision)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(ds);
        var template = sim.GetRevisionTemplate(ds.Namespace, ds.Name, revision);
        var w = new DescribeWriter(aligned: false);
        KubectlDescribe.PodTemplate(w, template);
        return ResourceName(ds) + " with revision #" + revision.ToString(CultureInfo.InvariantCulture) + "\n" + w + "\n";
    }

    private static string ResourceName(DaemonSet ds) => "daemonset.apps/" + ds.Name;
}
