using System.Globalization;
using System.Text;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Views;

/// <summary>The kinds <c>kubectl get</c> can list from a simulated cluster.</summary>
public enum KubectlResource
{
    /// <summary><c>kubectl get nodes</c>.</summary>
    Nodes,

    /// <summary><c>kubectl get pods</c>.</summary>
    Pods,

    /// <summary><c>kubectl get daemonsets</c>.</summary>
    DaemonSets,

    /// <summary><c>kubectl get controllerrevisions</c>.</summary>
    ControllerRevisions,

    /// <summary><c>kubectl get priorityclasses</c>.</summary>
    PriorityClasses,

    /// <summary><c>kubectl get namespaces</c>.</summary>
    Namespaces,

    /// <summary><c>kubectl get events</c>.</summary>
    Events,
}

/// <summary><c>kubectl get</c>'s human-readable tables, column for column as kubectl's printers (pkg/printers/internalversion) print them.</summary>
public static class KubectlTables
{
    /// <summary>Renders <c>kubectl get &lt;resource&gt;</c> for the given objects.</summary>
    /// <remarks>
    /// The objects are printed in the order given (kubectl prints namespace, then name order). Columns are aligned as kubectl's
    /// tab writer does: each column as wide as its widest cell plus three spaces (at least six), the last column unpadded.
    /// <c>allNamespaces</c> adds the leading NAMESPACE column for namespaced kinds only, as <c>-A</c> does; events about
    /// cluster-scoped objects (nodes) show the <c>default</c> namespace, where Kubernetes records them.
    /// Ages are <paramref name="now"/> minus the creation (or event) time; the wall clock is never read.
    /// </remarks>
    /// <param name="resource">The kind.</param>
    /// <param name="objects">The objects: <see cref="Node"/>, <see cref="Pod"/>, <see cref="DaemonSet"/>, <see cref="ControllerRevision"/>,
    /// <see cref="PriorityClass"/>, <see cref="Namespace"/> or <see cref="ClusterEvent"/>, matching <paramref name="resource"/>.</param>
    /// <param name="state">The cluster the objects belong to.</param>
    /// <param name="now">The current simulation time.</param>
    /// <param name="wide"><c>-o wide</c>.</param>
    /// <param name="allNamespaces"><c>-A</c>.</param>
    /// <returns>The table with its trailing newline, or the empty string when there are no objects (the caller prints kubectl's "No resources found").</returns>
    /// <exception cref="ArgumentException">An object is not of the resource's type.</exception>
    public static string Render(KubectlResource resource, IEnumerable<object> objects, ClusterState state, SimTime now, bool wide, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(state);
        var items = objects.ToList();
        if (items.Count == 0)
        {
            return "";
        }

        var namespaced = resource is KubectlResource.Pods or KubectlResource.DaemonSets or KubectlResource.ControllerRevisions or KubectlResource.Events;
        var withNamespace = namespaced && allNamespaces;
        var rows = new List<IReadOnlyList<string>>();
        var header = Header(resource, wide);
        rows.Add(withNamespace ? ["NAMESPACE", .. header] : header);
        foreach (var item in items)
        {
            var (ns, cells) = Row(resource, item, now, wide);
            rows.Add(withNamespace ? [ns, .. cells] : cells);
        }

        var writer = TabWriter.ForTables();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join('\t', row)).Append('\n');
        }

        writer.Write(text.ToString());
        return writer.ToString();
    }

    private static string[] Header(KubectlResource resource, bool wide) => resource switch
    {
        KubectlResource.Nodes => wide
            ? ["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
            : ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        KubectlResource.Pods => wide
            ? ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
            : ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        KubectlResource.DaemonSets => wide
            ? ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
            : ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
        KubectlResource.ControllerRevisions => ["NAME", "CONTROLLER", "REVISION", "AGE"],
        KubectlResource.PriorityClasses => ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
        KubectlResource.Namespaces => ["NAME", "STATUS", "AGE"],
        KubectlResource.Events => wide
            ? ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"]
            : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };

    private static (string Namespace, string[] Cells) Row(KubectlResource resource, object item, SimTime now, bool wide) => (resource, item) switch
    {
        (KubectlResource.Nodes, Node node) => ("", NodeRow(node, now, wide)),
        (KubectlResource.Pods, Pod pod) => (pod.Namespace, PodRow(pod, now, wide)),
        (KubectlResource.DaemonSets, DaemonSet ds) => (ds.Namespace, DaemonSetRow(ds, now, wide)),
        (KubectlResource.ControllerRevisions, ControllerRevision cr) => (cr.Namespace, RevisionRow(cr, now)),
        (KubectlResource.PriorityClasses, PriorityClass pc) => ("", PriorityClassRow(pc, now)),
        (KubectlResource.Namespaces, Namespace ns) => ("", [ns.Name, ns.Phase, KubectlAge.Since(ns.Metadata.CreationTimestamp, now)]),
        (KubectlResource.Events, ClusterEvent e) => (KubectlEvents.Namespace(e), EventRow(e, now, wide)),
        _ => throw new ArgumentException($"a {item?.GetType().Name ?? "null"} cannot be printed as {resource}", nameof(item)),
    };

    private static string[] NodeRow(Node node, SimTime now, bool wide)
    {
        // kubectl shows only the Ready condition: Ready when True, NotReady otherwise, Unknown when the node reports none.
        var ready = node.GetCondition(NodeConditionType.Ready);
        var status = ready is null ? "Unknown" : ready.Status == ConditionStatus.True ? "Ready" : "NotReady";
        if (node.Spec.Unschedulable)
        {
            status += ",SchedulingDisabled";
        }

        var roles = KubectlFormat.NodeRoles(node);
        string[] cells = [node.Name, status, roles.Count == 0 ? KubectlFormat.None : string.Join(",", roles), KubectlAge.Since(node.Metadata.CreationTimestamp, now), KubectlFormat.KubeletVersion(node)];
        if (!wide)
        {
            return cells;
        }

        return
        [
            .. cells,
            KubectlFormat.NodeFact(node, NodeInfoAnnotations.InternalIp, KubectlFormat.None),
            KubectlFormat.NodeFact(node, NodeInfoAnnotations.ExternalIp, KubectlFormat.None),
            KubectlFormat.NodeFact(node, NodeInfoAnnotations.OsImage, "<unknown>"),
            KubectlFormat.NodeFact(node, NodeInfoAnnotations.KernelVersion, "<unknown>"),
            KubectlFormat.NodeFact(node, NodeInfoAnnotations.ContainerRuntimeVersion, "<unknown>"),
        ];
    }

    private static string[] PodRow(Pod pod, SimTime now, bool wide)
    {
        var summary = PodSummary.Of(pod);
        string[] cells = [pod.Name, $"{summary.Ready}/{summary.Total}", summary.Status, KubectlFormat.Int(summary.Restarts), KubectlAge.Since(pod.Metadata.CreationTimestamp, now)];
        if (!wide)
        {
            return cells;
        }

        return
        [
            .. cells,
            pod.Status.PodIp.Length == 0 ? KubectlFormat.None : pod.Status.PodIp,
            pod.Spec.NodeName.Length == 0 ? KubectlFormat.None : pod.Spec.NodeName,
            pod.Status.NominatedNodeName.Length == 0 ? KubectlFormat.None : pod.Status.NominatedNodeName,
            KubectlFormat.None,
        ];
    }

    private static string[] DaemonSetRow(DaemonSet ds, SimTime now, bool wide)
    {
        var s = ds.Status;
        string[] cells =
        [
            ds.Name,
            KubectlFormat.Int(s.DesiredNumberScheduled),
            KubectlFormat.Int(s.CurrentNumberScheduled),
            KubectlFormat.Int(s.NumberReady),
            KubectlFormat.Int(s.UpdatedNumberScheduled),
            KubectlFormat.Int(s.NumberAvailable),
            KubectlFormat.Labels(ds.Spec.Template.Spec.NodeSelector),
            KubectlAge.Since(ds.Metadata.CreationTimestamp, now),
        ];
        if (!wide)
        {
            return cells;
        }

        var containers = ds.Spec.Template.Spec.Containers;
        return
        [
            .. cells,
            string.Join(",", containers.Select(c => c.Name)),
            string.Join(",", containers.Select(c => c.Image)),
            KubectlFormat.Selector(ds.Spec.Selector),
        ];
    }

    private static string[] RevisionRow(ControllerRevision cr, SimTime now)
    {
        // kubectl prints the controller as lower-case Kind.group/name, e.g. daemonset.apps/fluentd.
        var owner = cr.Metadata.ControllerRef;
        var controller = KubectlFormat.None;
        if (owner is not null)
        {
            var slash = owner.ApiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? "" : owner.ApiVersion[..slash];
            var kind = group.Length == 0 ? owner.Kind : owner.Kind + "." + group;
            controller = kind.ToLowerInvariant() + "/" + owner.Name;
        }

        return [cr.Name, controller, KubectlFormat.Int(cr.Revision), KubectlAge.Since(cr.Metadata.CreationTimestamp, now)];
    }

    private static string[] PriorityClassRow(PriorityClass pc, SimTime now) =>
    [
        pc.Name,
        KubectlFormat.Int(pc.Value),
        pc.GlobalDefault ? "true" : "false",
        KubectlAge.Since(pc.Metadata.CreationTimestamp, now),
        pc.PreemptionPolicy,
    ];

    private static string[] EventRow(ClusterEvent e, SimTime now, bool wide)
    {
        var involved = e.InvolvedObject;
        var target = involved.Name.Length == 0 ? involved.Kind.ToLowerInvariant() : involved.Kind.ToLowerInvariant() + "/" + involved.Name;
        var lastSeen = KubectlAge.Since(e.LastTimestamp, now);
        var message = e.Message.Trim();
        if (!wide)
        {
            return [lastSeen, e.Type, e.Reason, target, message];
        }

        return [lastSeen, e.Type, e.Reason, target, "", e.Source, message, KubectlAge.Since(e.FirstTimestamp, now), KubectlFormat.Int(Math.Max(1, e.Count)), KubectlEvents.Name(e)];
    }
}

/// <summary>The READY, STATUS and RESTARTS cells of a pod row, by kubectl's printPod rules.</summary>
/// <param name="Ready">Ready containers.</param>
/// <param name="Total">Containers, restartable init containers included.</param>
/// <param name="Status">The STATUS cell.</param>
/// <param name="Restarts">Restarts (of app containers and sidecars once initialized).</param>
internal readonly record struct PodSummary(int Ready, int Total, string Status, int Restarts)
{
    public static PodSummary Of(Pod pod)
    {
        var total = pod.Spec.Containers.Count + pod.Spec.InitContainers.Count(c => c.RestartPolicy == RestartPolicy.Always);
        var reason = pod.Status.Reason.Length != 0 ? pod.Status.Reason : pod.Status.Phase;
        if (pod.GetCondition(PodConditionType.PodScheduled) is { Reason: "SchedulingGated" })
        {
            reason = "SchedulingGated";
        }

        // The model keeps no init container statuses, so init containers never report Init:... states; pods start initialized.
        var ready = 0;
        var restarts = 0;
        var hasRunning = false;
        var statuses = pod.Status.ContainerStatuses;
        for (var i = statuses.Count - 1; i >= 0; i--)
        {
            var container = statuses[i];
            var state = container.State;
            restarts += container.RestartCount;
            if (ContainerStates.IsWaiting(state) && !string.IsNullOrEmpty(state.WaitingReason))
            {
                reason = state.WaitingReason;
            }
            else if (ContainerStates.IsTerminated(state) && !string.IsNullOrEmpty(state.TerminatedReason))
            {
                reason = state.TerminatedReason;
            }
            else if (ContainerStates.IsTerminated(state))
            {
                reason = "ExitCode:" + KubectlFormat.Int(state.ExitCode ?? 0);
            }
            else if (container.Ready && ContainerStates.IsRunning(state))
            {
                hasRunning = true;
                ready++;
            }
        }

        if (reason == "Completed" && hasRunning)
        {
            reason = pod.IsReady ? "Running" : "NotReady";
        }

        if (pod.IsTerminating && pod.Status.Reason == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (pod.IsTerminating && !pod.IsTerminal)
        {
            reason = "Terminating";
        }

        return new PodSummary(ready, total, reason, restarts);
    }
}
