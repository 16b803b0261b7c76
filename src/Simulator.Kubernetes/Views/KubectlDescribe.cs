using System.Globalization;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Views;

/// <summary><c>kubectl describe</c> for nodes, pods and DaemonSets, line for line as kubectl's describe.go writes them.</summary>
/// <remarks>
/// Alignment follows kubectl's tab writer (padding two): a run of lines with a <c>label:&lt;tab&gt;value</c> shape shares one
/// column, and any line without a tab starts a new run, so the spacing differs between sections exactly as in kubectl.
/// Events are the simulation's events about the object, oldest last-occurrence first; ages count from the simulation clock.
/// </remarks>
public static class KubectlDescribe
{
    /// <summary><c>kubectl describe node NAME</c>.</summary>
    /// <remarks>
    /// The model keeps no node addresses, lease or machine facts: <c>Addresses:</c> is empty, <c>Lease:</c> is left out,
    /// and System Info shows the kubelet version (see <see cref="NodeInfoAnnotations"/>) and whatever the node's annotations
    /// supply. LastHeartbeatTime is the current time while the kubelet reports (the Ready condition is not Unknown) and the
    /// condition's transition time once it stopped.
    /// </remarks>
    /// <param name="sim">The simulation (for the pods on the node and the events).</param>
    /// <param name="node">The node.</param>
    /// <returns>The description.</returns>
    public static string Node(Simulation sim, Node node)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(node);
        var now = sim.Now;
        var w = new DescribeWriter();
        w.Line(0, "Name:\t" + node.Name);
        var roles = KubectlFormat.NodeRoles(node);
        w.Line(0, "Roles:\t" + (roles.Count == 0 ? KubectlFormat.None : string.Join(",", roles)));
        Labels(w, "Labels", node.Labels);
        Annotations(w, "Annotations", node.Metadata.Annotations);
        w.Line(0, "CreationTimestamp:\t" + KubectlFormat.Rfc1123Z(node.Metadata.CreationTimestamp));
        Taints(w, node.Spec.Taints);
        w.Line(0, "Unschedulable:\t" + (node.Spec.Unschedulable ? "true" : "false"));

        if (!node.Status.Conditions.IsEmpty)
        {
            var readyUnknown = node.GetCondition(NodeConditionType.Ready)?.Status == ConditionStatus.Unknown;
            w.Line(0, "Conditions:");
            w.Line(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage");
            w.Line(1, "----\t------\t-----------------\t------------------\t------\t-------");
            foreach (var c in node.Status.Conditions)
            {
                var heartbeat = readyUnknown ? c.LastTransitionTime : now;
                w.Line(1, $"{c.Type} \t{c.Status} \t{KubectlFormat.Rfc1123Z(heartbeat)} \t{KubectlFormat.Rfc1123Z(c.LastTransitionTime)} \t{c.Reason} \t{c.Message}");
            }
        }

        w.Line(0, "Addresses:");
        foreach (var (type, key) in new[] { ("InternalIP", NodeInfoAnnotations.InternalIp), ("ExternalIP", NodeInfoAnnotations.ExternalIp) })
        {
            if (KubectlFormat.NodeFact(node, key, "") is { Length: > 0 } address)
            {
                w.Line(1, type + ":\t" + address);
            }
        }

        if (!node.Status.Capacity.IsEmpty)
        {
            w.Line(0, "Capacity:");
            ResourceRows(w, node.Status.Capacity);
        }

        if (!node.Status.Allocatable.IsEmpty)
        {
            w.Line(0, "Allocatable:");
            ResourceRows(w, node.Status.Allocatable);
        }

        w.Line(0, "System Info:");
        w.Line(1, "Machine ID:\t");
        w.Line(1, "System UUID:\t");
        w.Line(1, "Boot ID:\t");
        w.Line(1, "Kernel Version:\t" + KubectlFormat.NodeFact(node, NodeInfoAnnotations.KernelVersion, ""));
        w.Line(1, "OS Image:\t" + KubectlFormat.NodeFact(node, NodeInfoAnnotations.OsImage, ""));
        w.Line(1, "Operating System:\t" + node.Labels.GetValueOrDefault("kubernetes.io/os"));
        w.Line(1, "Architecture:\t" + node.Labels.GetValueOrDefault("kubernetes.io/arch"));
        w.Line(1, "Container Runtime Version:\t" + KubectlFormat.NodeFact(node, NodeInfoAnnotations.ContainerRuntimeVersion, ""));
        w.Line(1, "Kubelet Version:\t" + KubectlFormat.KubeletVersion(node));

        NodeResources(w, sim.State, node, now);
        Events(w, KubectlFormat.EventsAbout(sim, "Node", node.Metadata), now);
        return w.ToString();
    }

    /// <summary><c>kubectl describe pod NAME</c>.</summary>
    /// <remarks>
    /// Fields the model does not keep print as kubectl prints them when empty: <c>Node: name/</c> (no host IP),
    /// empty Container ID and Image ID, Go's zero time for a terminated container's start and finish. Every pod shows
    /// <c>Service Account: default</c>, which the API server's admission sets on every pod.
    /// </remarks>
    /// <param name="sim">The simulation (for the events).</param>
    /// <param name="pod">The pod.</param>
    /// <returns>The description.</returns>
    public static string Pod(Simulation sim, Pod pod)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(pod);
        var now = sim.Now;
        var w = new DescribeWriter();
        w.Line(0, "Name:\t" + pod.Name);
        w.Line(0, "Namespace:\t" + pod.Namespace);
        if (pod.Spec.Priority is { } priority)
        {
            w.Line(0, "Priority:\t" + KubectlFormat.Int(priority));
        }

        if (pod.Spec.PriorityClassName.Length != 0)
        {
            w.Line(0, "Priority Class Name:\t" + pod.Spec.PriorityClassName);
        }

        w.Line(0, "Service Account:\tdefault");
        w.Line(0, "Node:\t" + (pod.Spec.NodeName.Length == 0 ? KubectlFormat.None : pod.Spec.NodeName + "/"));
        if (pod.Status.StartTime is { } start)
        {
            w.Line(0, "Start Time:\t" + KubectlFormat.Rfc1123Z(start));
        }

        Labels(w, "Labels", pod.Metadata.Labels);
        Annotations(w, "Annotations", pod.Metadata.Annotations);
        if (pod.Metadata.DeletionTimestamp is { } deleted && !pod.IsTerminal)
        {
            w.Line(0, "Status:\tTerminating (lasts " + KubectlAge.Since(deleted, now) + ")");
            w.Line(0, "Termination Grace Period:\t" + KubectlFormat.Int(pod.Metadata.DeletionGracePeriodSeconds ?? 0) + "s");
        }
        else
        {
            w.Line(0, "Status:\t" + pod.Status.Phase);
        }

        if (pod.Status.Reason.Length != 0)
        {
            w.Line(0, "Reason:\t" + pod.Status.Reason);
        }

        if (pod.Status.Message.Length != 0)
        {
            w.Line(0, "Message:\t" + pod.Status.Message);
        }

        if (pod.Spec.SecurityContext?.SeccompProfile is { } seccomp)
        {
            w.Line(0, "SeccompProfile:\t" + seccomp.Type);
            if (seccomp.LocalhostProfile is not null)
            {
                w.Line(0, "LocalhostProfile:\t" + seccomp.LocalhostProfile);
            }
        }

        w.Line(0, "IP:\t" + pod.Status.PodIp);
        if (pod.Status.PodIp.Length == 0)
        {
            w.Line(0, "IPs:\t<none>");
        }
        else
        {
            w.Line(0, "IPs:");
            w.Line(1, "IP:\t" + pod.Status.PodIp);
        }

        if (KubectlFormat.ControlledBy(pod.Metadata) is { Length: > 0 } controlledBy)
        {
            w.Line(0, "Controlled By:\t" + controlledBy);
        }

        if (pod.Status.NominatedNodeName.Length != 0)
        {
            w.Line(0, "NominatedNodeName:\t" + pod.Status.NominatedNodeName);
        }

        if (!pod.Spec.InitContainers.IsEmpty)
        {
            Containers(w, "Init Containers", pod.Spec.InitContainers, null, "");
        }

        Containers(w, "Containers", pod.Spec.Containers, pod.Status.ContainerStatuses, "");
        if (!pod.Status.Conditions.IsEmpty)
        {
            w.Line(0, "Conditions:");
            w.Line(1, "Type\tStatus");
            foreach (var c in pod.Status.Conditions)
            {
                w.Line(1, c.Type + " \t" + c.Status + " ");
            }
        }

        Volumes(w, pod.Spec.Volumes, "");
        w.Line(0, "QoS Class:\t" + QosClass(pod.Spec));
        Labels(w, "Node-Selectors", pod.Spec.NodeSelector);
        Tolerations(w, "Tolerations", pod.Spec.Tolerations);
        Events(w, KubectlFormat.EventsAbout(sim, "Pod", pod.Metadata), now);
        return w.ToString();
    }

    /// <summary><c>kubectl describe daemonset NAME</c>.</summary>
    /// <param name="sim">The simulation (for the pods and the events).</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The description.</returns>
    public static string DaemonSet(Simulation sim, DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(ds);
        var w = new DescribeWriter();
        var s = ds.Status;
        w.Line(0, "Name:\t" + ds.Name);
        w.Line(0, "Selector:\t" + SelectorOrEmpty(ds.Spec.Selector));
        w.Line(0, "Node-Selector:\t" + KubectlFormat.Labels(ds.Spec.Template.Spec.NodeSelector));
        Labels(w, "Labels", ds.Metadata.Labels);
        Annotations(w, "Annotations", ds.Metadata.Annotations);
        w.Line(0, "Desired Number of Nodes Scheduled: " + KubectlFormat.Int(s.DesiredNumberScheduled));
        w.Line(0, "Current Number of Nodes Scheduled: " + KubectlFormat.Int(s.CurrentNumberScheduled));
        w.Line(0, "Number of Nodes Scheduled with Up-to-date Pods: " + KubectlFormat.Int(s.UpdatedNumberScheduled));
        w.Line(0, "Number of Nodes Scheduled with Available Pods: " + KubectlFormat.Int(s.NumberAvailable));
        w.Line(0, "Number of Nodes Misscheduled: " + KubectlFormat.Int(s.NumberMisscheduled));

        // kubectl counts the pods the selector finds that this DaemonSet controls, by phase.
        int running = 0, waiting = 0, succeeded = 0, failed = 0;
        foreach (var pod in sim.State.PodsControlledBy(ds.Metadata.Uid))
        {
            if (pod.Namespace != ds.Namespace || ds.Spec.Selector is null || !ds.Spec.Selector.Matches(pod.Metadata.Labels))
            {
                continue;
            }

            switch (pod.Status.Phase)
            {
                case PodPhase.Running: running++; break;
                case PodPhase.Pending: waiting++; break;
                case PodPhase.Succeeded: succeeded++; break;
                case PodPhase.Failed: failed++; break;
            }
        }

        w.Line(0, string.Create(CultureInfo.InvariantCulture, $"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed"));
        PodTemplate(w, ds.Spec.Template);
        Events(w, KubectlFormat.EventsAbout(sim, "DaemonSet", ds.Metadata), sim.Now);
        return w.ToString();
    }

    /// <summary>describe.go's DescribePodTemplate, written into <paramref name="w"/>.</summary>
    internal static void PodTemplate(DescribeWriter w, PodTemplateSpec template)
    {
        w.Line(0, "Pod Template:");
        Labels(w, "  Labels", template.Metadata.Labels);
        if (!template.Metadata.Annotations.IsEmpty)
        {
            Annotations(w, "  Annotations", template.Metadata.Annotations);
        }

        var spec = template.Spec;
        if (!spec.InitContainers.IsEmpty)
        {
            Containers(w, "Init Containers", spec.InitContainers, null, "  ");
        }

        Containers(w, "Containers", spec.Containers, null, "  ");
        Volumes(w, spec.Volumes, "  ");
        if (spec.PriorityClassName.Length != 0)
        {
            w.Line(1, "Priority Class Name:\t" + spec.PriorityClassName);
        }

        Labels(w, "  Node-Selectors", spec.NodeSelector);
        Tolerations(w, "  Tolerations", spec.Tolerations);
    }

    // labels.Selector's String(): empty for an empty selector (describe prints no <none> there).
    private static string SelectorOrEmpty(LabelSelector? selector)
    {
        var text = KubectlFormat.Selector(selector);
        return text == KubectlFormat.None ? "" : text;
    }

    private static void Labels(DescribeWriter w, string title, StringMap labels)
    {
        if (labels.IsEmpty)
        {
            w.Line(0, title + ":\t<none>");
            return;
        }

        var first = true;
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Line(0, (first ? title + ":" : "") + "\t" + key + "=" + value);
            first = false;
        }
    }

    private static void Annotations(DescribeWriter w, string title, StringMap annotations)
    {
        // kubectl hides the last-applied configuration and folds long or multi-line values under the key.
        const int maxLength = 140;
        var keys = annotations.Keys.Where(k => k != "kubectl.kubernetes.io/last-applied-configuration").OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            w.Line(0, title + ":\t<none>");
            return;
        }

        var prefix = title + ":\t";
        foreach (var key in keys)
        {
            var value = annotations[key];
            if (value.EndsWith('\n'))
            {
                value = value[..^1];
            }

            if (value.Length + key.Length + 2 > maxLength || value.Contains('\n', StringComparison.Ordinal))
            {
                w.Line(0, prefix + key + ":");
                foreach (var part in value.Split('\n'))
                {
                    w.Line(0, "\t  " + (part.Length > maxLength - 2 ? part[..(maxLength - 2)] + "..." : part));
                }
            }
            else
            {
                w.Line(0, prefix + key + ": " + value);
            }

            prefix = "\t";
        }
    }

    private static void Taints(DescribeWriter w, EquatableArray<Taint> taints)
    {
        if (taints.IsEmpty)
        {
            w.Line(0, "Taints:\t<none>");
            return;
        }

        var prefix = "Taints:\t";
        foreach (var taint in taints.OrderBy(t => t.Effect + "," + t.Key, StringComparer.Ordinal))
        {
            w.Line(0, prefix + taint);
            prefix = "\t";
        }
    }

    private static void Tolerations(DescribeWriter w, string title, EquatableArray<Toleration> tolerations)
    {
        if (tolerations.IsEmpty)
        {
            w.Line(0, title + ":\t<none>");
            return;
        }

        var prefix = title + ":\t";
        foreach (var t in tolerations.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var text = t.Key;
            if (t.Value.Length != 0)
            {
                text += "=" + t.Value;
            }

            if (t.Effect.Length != 0)
            {
                text += ":" + t.Effect;
            }

            // An Exists toleration without key and effect tolerates everything and prints as a bare "op=Exists".
            if (t.Operator == TolerationOperator.Exists && t.Value.Length == 0)
            {
                text += t.Key.Length != 0 || t.Effect.Length != 0 ? " op=Exists" : "op=Exists";
            }

            if (t.TolerationSeconds is { } seconds)
            {
                text += " for " + KubectlFormat.Int(seconds) + "s";
            }

            w.Line(0, prefix + text);
            prefix = "\t";
        }
    }

    private static void Containers(DescribeWriter w, string label, EquatableArray<Container> containers, EquatableArray<ContainerStatus>? statuses, string space)
    {
        w.Line(0, space + label + ":" + (containers.IsEmpty ? " <none>" : ""));
        var nameIndent = space.Length > 0 ? " " : "";
        foreach (var container in containers)
        {
            var status = statuses?.FirstOrDefault(s => s.Name == container.Name);
            w.Line(1, nameIndent + container.Name + ":");
            if (status is not null)
            {
                w.Line(2, "Container ID:\t");
            }

            w.Line(2, "Image:\t" + container.Image);
            if (status is not null)
            {
                w.Line(2, "Image ID:\t");
            }

            var ports = container.Ports.Select(p => Port(p, p.Port)).ToList();
            var hostPorts = container.Ports.Select(p => Port(p, p.HostPort)).ToList();
            w.Line(2, (ports.Count > 1 ? "Ports:\t" : "Port:\t") + (ports.Count == 0 ? KubectlFormat.None : string.Join(", ", ports)));
            w.Line(2, (hostPorts.Count > 1 ? "Host Ports:\t" : "Host Port:\t") + (hostPorts.Count == 0 ? KubectlFormat.None : string.Join(", ", hostPorts)));
            if (container.SecurityContext?.SeccompProfile is { } seccomp)
            {
                w.Line(2, "SeccompProfile:\t" + seccomp.Type);
                if (seccomp.LocalhostProfile is not null)
                {
                    w.Line(3, "LocalhostProfile:\t" + seccomp.LocalhostProfile);
                }
            }

            if (status is not null)
            {
                ContainerState(w, status);
            }

            Resources(w, "Limits", container.Resources.Limits);
            Resources(w, "Requests", container.Resources.Requests);
            w.Line(2, "Environment:\t<none>");
            if (container.VolumeMounts.IsEmpty)
            {
                w.Line(2, "Mounts:\t<none>");
            }
            else
            {
                w.Line(2, "Mounts:");
                foreach (var mount in container.VolumeMounts.OrderBy(m => m.MountPath, StringComparer.Ordinal))
                {
                    w.Line(3, $"{mount.MountPath} from {mount.Name} ({(mount.ReadOnly ? "ro" : "rw")})");
                }
            }
        }
    }

    private static string Port(ContainerPort port, int number)
    {
        var text = KubectlFormat.Int(number) + "/" + (port.Protocol.Length == 0 ? PortProtocol.Tcp : port.Protocol);
        return port.Name.Length == 0 ? text : text + " (" + port.Name + ")";
    }

    private static void ContainerState(DescribeWriter w, ContainerStatus status)
    {
        var state = status.State;
        if (ContainerStates.IsRunning(state))
        {
            w.Line(2, "State:\tRunning");
            w.Line(3, "Started:\t" + KubectlFormat.Rfc1123Z(state.RunningSince!.Value));
        }
        else if (ContainerStates.IsTerminated(state))
        {
            w.Line(2, "State:\tTerminated");
            if (!string.IsNullOrEmpty(state.TerminatedReason))
            {
                w.Line(3, "Reason:\t" + state.TerminatedReason);
            }

            w.Line(3, "Exit Code:\t" + KubectlFormat.Int(state.ExitCode ?? 0));
            w.Line(3, "Started:\t" + KubectlFormat.ZeroTime);
            w.Line(3, "Finished:\t" + KubectlFormat.ZeroTime);
        }
        else
        {
            w.Line(2, "State:\tWaiting");
            if (!string.IsNullOrEmpty(state.WaitingReason))
            {
                w.Line(3, "Reason:\t" + state.WaitingReason);
            }
        }

        w.Line(2, "Ready:\t" + (status.Ready ? "True" : "False"));
        w.Line(2, "Restart Count:\t" + KubectlFormat.Int(status.RestartCount));
    }

    private static void Resources(DescribeWriter w, string title, ResourceList list)
    {
        if (list.IsEmpty)
        {
            return;
        }

        w.Line(2, title + ":");
        foreach (var (name, quantity) in list.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Line(3, name + ":\t" + quantity);
        }
    }

    private static void Volumes(DescribeWriter w, EquatableArray<Volume> volumes, string space)
    {
        if (volumes.IsEmpty)
        {
            w.Line(0, space + "Volumes:\t<none>");
            return;
        }

        w.Line(0, space + "Volumes:");
        var nameIndent = space.Length > 0 ? " " : "";
        foreach (var volume in volumes)
        {
            w.Line(1, nameIndent + volume.Name + ":");
            if (volume.HostPath is not null)
            {
                // The API server defaults an absent hostPath type to "", which kubectl prints as an empty value.
                w.Line(2, "Type:\tHostPath (bare host directory volume)");
                w.Line(2, "Path:\t" + volume.HostPath);
                w.Line(2, "HostPathType:\t" + (volume.HostPathType ?? ""));
            }
            else if (volume.EmptyDir)
            {
                w.Line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
                w.Line(2, "Medium:\t");
                w.Line(2, "SizeLimit:\t<unset>");
            }
            else if (volume.Secret is not null)
            {
                w.Line(2, "Type:\tSecret (a volume populated by a Secret)");
                w.Line(2, "SecretName:\t" + volume.Secret);
                w.Line(2, "Optional:\tfalse");
            }
            else if (volume.ConfigMap is not null)
            {
                w.Line(2, "Type:\tConfigMap (a volume populated by a ConfigMap)");
                w.Line(2, "Name:\t" + volume.ConfigMap);
                w.Line(2, "Optional:\tfalse");
            }
            else
            {
                w.Line(1, "<unknown>");
            }
        }
    }

    /// <summary>kubectl's QoS class: BestEffort without any cpu/memory request or limit, Guaranteed when every container limits both and requests equal limits, else Burstable.</summary>
    internal static string QosClass(PodSpec spec)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var c in spec.Containers.Concat(spec.InitContainers))
        {
            // The API server defaults a missing request to its limit.
            var containerRequests = c.Resources.Requests;
            foreach (var (name, q) in c.Resources.Limits)
            {
                if (!containerRequests.ContainsKey(name))
                {
                    containerRequests = containerRequests.With(name, q);
                }
            }

            foreach (var (name, q) in containerRequests)
            {
                if (name is ResourceNames.Cpu or ResourceNames.Memory && !q.IsZero)
                {
                    requests[name] = requests.TryGetValue(name, out var sum) ? sum + q : q;
                }
            }

            var limited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, q) in c.Resources.Limits)
            {
                if (name is ResourceNames.Cpu or ResourceNames.Memory && !q.IsZero)
                {
                    limited.Add(name);
                    limits[name] = limits.TryGetValue(name, out var sum) ? sum + q : q;
                }
            }

            if (limited.Count != 2)
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        if (guaranteed)
        {
            foreach (var (name, q) in requests)
            {
                if (!limits.TryGetValue(name, out var limit) || limit != q)
                {
                    guaranteed = false;
                }
            }
        }

        return guaranteed && requests.Count == limits.Count ? "Guaranteed" : "Burstable";
    }

    private static void ResourceRows(DescribeWriter w, ResourceList list)
    {
        foreach (var (name, quantity) in list.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Line(1, name + ":\t" + quantity);
        }
    }

    private static void NodeResources(DescribeWriter w, ClusterState state, Node node, SimTime now)
    {
        var pods = state.PodsOnNode(node.Name).Where(p => !p.IsTerminal).ToList();
        var allocatable = node.Status.Allocatable.IsEmpty ? node.Status.Capacity : node.Status.Allocatable;
        var cpu = allocatable.Get(ResourceNames.Cpu).MilliValue;
        var memory = allocatable.Get(ResourceNames.Memory).Value;
        var storage = allocatable.Get(ResourceNames.EphemeralStorage).Value;

        w.Line(0, "Non-terminated Pods:\t(" + KubectlFormat.Int(pods.Count) + " in total)");
        w.Line(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge");
        w.Line(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---");
        var totalRequests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var totalLimits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var requests = PodResources.Requests(pod.Spec);
            var limits = PodResources.Limits(pod.Spec);
            Sum(totalRequests, requests);
            Sum(totalLimits, limits);
            var cpuRequest = PodResources.Get(requests, ResourceNames.Cpu);
            var cpuLimit = PodResources.Get(limits, ResourceNames.Cpu);
            var memoryRequest = PodResources.Get(requests, ResourceNames.Memory);
            var memoryLimit = PodResources.Get(limits, ResourceNames.Memory);
            w.Line(1, $"{pod.Namespace}\t{pod.Name}\t\t{Share(cpuRequest, cpuRequest.MilliValue, cpu)}\t{Share(cpuLimit, cpuLimit.MilliValue, cpu)}\t{Share(memoryRequest, memoryRequest.Value, memory)}\t{Share(memoryLimit, memoryLimit.Value, memory)}\t{KubectlAge.Since(pod.Metadata.CreationTimestamp, now)}");
        }

        w.Line(0, "Allocated resources:");
        w.Line(1, "(Total limits may be over 100 percent, i.e., overcommitted.)");
        w.Line(1, "Resource\tRequests\tLimits");
        w.Line(1, "--------\t--------\t------");
        foreach (var (name, capacity, milli) in new[] { (ResourceNames.Cpu, cpu, true), (ResourceNames.Memory, memory, false), (ResourceNames.EphemeralStorage, storage, false) })
        {
            var request = PodResources.Get(totalRequests, name);
            var limit = PodResources.Get(totalLimits, name);
            w.Line(1, $"{name}\t{Share(request, milli ? request.MilliValue : request.Value, capacity)}\t{Share(limit, milli ? limit.MilliValue : limit.Value, capacity)}");
        }

        foreach (var name in allocatable.Keys.Where(k => k.StartsWith("hugepages-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var size = allocatable.Get(name).Value;
            var request = PodResources.Get(totalRequests, name);
            var limit = PodResources.Get(totalLimits, name);
            w.Line(1, $"{name}\t{Share(request, request.Value, size)}\t{Share(limit, limit.Value, size)}");
        }

        foreach (var name in allocatable.Keys.Where(IsExtended).Order(StringComparer.Ordinal))
        {
            w.Line(1, $"{name}\t{PodResources.Get(totalRequests, name)}\t{PodResources.Get(totalLimits, name)}");
        }
    }

    private static bool IsExtended(string name) =>
        name is not (ResourceNames.Cpu or ResourceNames.Memory or ResourceNames.EphemeralStorage or ResourceNames.Pods) &&
        !name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static void Sum(Dictionary<string, Quantity> into, Dictionary<string, Quantity> add)
    {
        foreach (var (name, q) in add)
        {
            into[name] = into.TryGetValue(name, out var sum) ? sum + q : q;
        }
    }

    // "100m (2%)": kubectl divides as float64 and truncates; nothing to divide by shows 0%.
    private static string Share(Quantity quantity, long amount, long capacity)
    {
        var percent = capacity == 0 ? 0 : (long)((double)amount / capacity * 100);
        return quantity + " (" + KubectlFormat.Int(percent) + "%)";
    }

    private static void Events(DescribeWriter w, IReadOnlyList<ClusterEvent> events, SimTime now)
    {
        if (events.Count == 0)
        {
            w.Line(0, "Events:\t<none>");
            return;
        }

        // The event table is aligned on its own (kubectl flushes the writer first), oldest last occurrence first.
        w.Flush();
        w.Line(0, "Events:");
        w.Line(1, "Type\tReason\tAge\tFrom\tMessage");
        w.Line(1, "----\t------\t----\t----\t-------");
        foreach (var e in events.OrderBy(e => e.LastTimestamp).ThenBy(e => e.Sequence))
        {
            var first = KubectlAge.Since(e.FirstTimestamp, now);
            var age = e.Count > 1 ? $"{KubectlAge.Since(e.LastTimestamp, now)} (x{KubectlFormat.Int(e.Count)} over {first})" : first;
            w.Line(1, $"{e.Type}\t{e.Reason}\t{age}\t{e.Source}\t{e.Message.Trim()}");
        }
    }
}

/// <summary>describe.go's PrefixWriter: two spaces per level, aligned by its tab writer on flush, or left with raw tabs.</summary>
internal sealed class DescribeWriter
{
    private readonly TabWriter? _writer;
    private readonly System.Text.StringBuilder _raw = new();

    /// <summary>Creates a writer.</summary>
    /// <param name="aligned">False for kubectl's places that print a PrefixWriter straight to the output, tabs and all (rollout history --revision).</param>
    public DescribeWriter(bool aligned = true) => _writer = aligned ? TabWriter.ForDescribe() : null;

    /// <summary>Writes one line at an indentation level.</summary>
    public void Line(int level, string text)
    {
        var line = new string(' ', 2 * level) + text + "\n";
        if (_writer is null)
        {
            _raw.Append(line);
        }
        else
        {
            _writer.Write(line);
        }
    }

    public void Flush() => _writer?.Flush();

    public override string ToString() => _writer?.ToString() ?? _raw.ToString();
}
