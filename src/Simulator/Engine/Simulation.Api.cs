using System.Globalization;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Engine;

public sealed partial class Simulation
{
    private readonly HashSet<string> _boundAtCreation = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>
    /// The warnings the last API call returned, as kubectl prints them after <c>Warning: </c> (for example Pod Security's
    /// <c>would violate PodSecurity "restricted:latest": ...</c>). Each create or update call replaces them.
    /// </summary>
    public IReadOnlyList<string> LastWarnings => _warnings;

    // ----- Namespaces -----

    /// <summary>Creates a namespace (<c>kubectl create namespace NAME</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="labels">Labels, e.g. Pod Security levels.</param>
    /// <returns>The stored namespace.</returns>
    /// <exception cref="ApiException">The name is invalid or taken.</exception>
    public Namespace CreateNamespace(string name, StringMap labels = default) =>
        CreateNamespace(new Namespace { Metadata = new ObjectMeta { Name = name, Labels = labels } });

    /// <summary>Creates a namespace.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The stored namespace.</returns>
    /// <exception cref="ApiException">The namespace is invalid or exists.</exception>
    public Namespace CreateNamespace(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ThrowIfInvalid("Namespace", ns.Name, ObjectValidation.ValidateNamespace(ns));
        if (State.Namespaces.ContainsKey(ns.Name))
        {
            throw ApiException.AlreadyExists("namespaces", ns.Name);
        }

        var stored = ns with
        {
            Metadata = ns.Metadata with
            {
                Uid = NewUid(),
                CreationTimestamp = Now.TruncateToSeconds(),
                Labels = ns.Metadata.Labels.With("kubernetes.io/metadata.name", ns.Name),
                ResourceVersion = 1,
            },
            Phase = "Active",
        };
        State = State.WithNamespace(stored);
        return stored;
    }

    /// <summary>Replaces a namespace's labels and annotations (uid, creation time and the <c>kubernetes.io/metadata.name</c> label are kept).</summary>
    /// <param name="ns">The namespace with its new labels and annotations.</param>
    /// <returns>The stored namespace.</returns>
    /// <exception cref="ApiException">It does not exist or is invalid.</exception>
    public Namespace UpdateNamespace(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var old = State.Namespaces.GetValueOrDefault(ns.Name) ?? throw ApiException.NotFound("namespaces", ns.Name);
        ThrowIfInvalid("Namespace", ns.Name, ObjectValidation.ValidateNamespace(ns));
        var stored = old with
        {
            Metadata = old.Metadata with
            {
                Labels = ns.Metadata.Labels.With("kubernetes.io/metadata.name", ns.Name),
                Annotations = ns.Metadata.Annotations,
            },
        };
        if (stored == old)
        {
            return old;
        }

        State = State.WithNamespace(stored with { Metadata = stored.Metadata with { ResourceVersion = old.Metadata.ResourceVersion + 1 } });
        return State.Namespaces[ns.Name];
    }

    /// <summary>Deletes a namespace and everything in it (DaemonSets with background propagation, then pods).</summary>
    /// <param name="name">The namespace.</param>
    /// <exception cref="ApiException">It does not exist, or is one of the namespaces the cluster needs.</exception>
    public void DeleteNamespace(string name)
    {
        _ = State.Namespaces.GetValueOrDefault(name) ?? throw ApiException.NotFound("namespaces", name);
        if (name is "default" or "kube-system" or "kube-public" or "kube-node-lease")
        {
            throw new ApiException(StatusReason.Forbidden, $"namespaces \"{name}\" is forbidden: this namespace may not be deleted");
        }

        foreach (var ds in State.DaemonSets.Values.Where(d => d.Namespace == name).ToList())
        {
            DeleteDaemonSet(name, ds.Name);
        }

        foreach (var pod in State.Pods.Values.Where(p => p.Namespace == name && !p.IsTerminating).ToList())
        {
            DeletePodGracefully(pod, null);
        }

        foreach (var revision in State.ControllerRevisions.Values.Where(r => r.Namespace == name).ToList())
        {
            State = State.WithoutRevision(revision.Key);
        }

        State = State.WithoutNamespace(name);
    }

    // ----- Nodes -----

    /// <summary>
    /// Registers a node. A node without conditions is registered Ready (as a healthy kubelet reports it); missing allocatable
    /// defaults to capacity and missing capacity to allocatable.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>The stored node.</returns>
    /// <exception cref="ApiException">The node is invalid or exists.</exception>
    public Node CreateNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var now = Now.TruncateToSeconds();
        var status = node.Status;
        if (status.Allocatable.IsEmpty)
        {
            status = status with { Allocatable = status.Capacity };
        }

        if (status.Capacity.IsEmpty)
        {
            status = status with { Capacity = status.Allocatable };
        }

        if (status.Conditions.IsEmpty)
        {
            status = status with
            {
                Conditions = EquatableArray.Create(
                    new NodeCondition(NodeConditionType.MemoryPressure, ConditionStatus.False, now, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    new NodeCondition(NodeConditionType.DiskPressure, ConditionStatus.False, now, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    new NodeCondition(NodeConditionType.PidPressure, ConditionStatus.False, now, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    new NodeCondition(NodeConditionType.Ready, ConditionStatus.True, now, "KubeletReady", "kubelet is posting ready status")),
            };
        }

        var stored = node with
        {
            Metadata = node.Metadata with
            {
                CreationTimestamp = now,
                Labels = node.Metadata.Labels.ContainsKey("kubernetes.io/hostname") ? node.Labels : node.Labels.With("kubernetes.io/hostname", node.Name),
            },
            Status = status,
        };
        ThrowIfInvalid("Node", node.Name, ObjectValidation.ValidateNode(stored));
        if (State.Nodes.ContainsKey(node.Name))
        {
            throw ApiException.AlreadyExists("nodes", node.Name);
        }

        stored = stored with { Metadata = stored.Metadata with { Uid = NewUid() } };

        PutNode(stored);
        return State.Nodes[node.Name];
    }

    /// <summary>Replaces a node's labels, annotations, spec and status (uid and creation time are kept).</summary>
    /// <param name="node">The new node.</param>
    /// <returns>The stored node.</returns>
    /// <exception cref="ApiException">The node does not exist or is invalid.</exception>
    public Node UpdateNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var old = State.GetNode(node.Name) ?? throw ApiException.NotFound("nodes", node.Name);
        var stored = node with
        {
            Metadata = node.Metadata with { Uid = old.Metadata.Uid, CreationTimestamp = old.Metadata.CreationTimestamp, ResourceVersion = old.Metadata.ResourceVersion },
        };
        ThrowIfInvalid("Node", node.Name, ObjectValidation.ValidateNode(stored));
        if (stored != old)
        {
            PutNode(stored);
        }

        return State.Nodes[node.Name];
    }

    /// <summary>Changes a node with a function (a read-modify-write).</summary>
    /// <param name="name">The node name.</param>
    /// <param name="change">The change.</param>
    /// <returns>The stored node.</returns>
    /// <exception cref="ApiException">The node does not exist or the result is invalid.</exception>
    public Node UpdateNode(string name, Func<Node, Node> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var old = State.GetNode(name) ?? throw ApiException.NotFound("nodes", name);
        return UpdateNode(change(old));
    }

    /// <summary>Sets (or, with a null value, removes) a node label (<c>kubectl label node NAME k=v --overwrite</c> / <c>k-</c>).</summary>
    /// <param name="name">The node name.</param>
    /// <param name="key">The label key.</param>
    /// <param name="value">The value, or null to remove the label.</param>
    /// <returns>The stored node.</returns>
    public Node LabelNode(string name, string key, string? value) =>
        UpdateNode(name, n => n with { Metadata = n.Metadata with { Labels = value is null ? n.Labels.Without(key) : n.Labels.With(key, value) } });

    /// <summary>Adds a taint, replacing one with the same key and effect (<c>kubectl taint nodes NAME k=v:Effect --overwrite</c>).</summary>
    /// <param name="name">The node name.</param>
    /// <param name="taint">The taint.</param>
    /// <returns>The stored node.</returns>
    public Node TaintNode(string name, Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        var stamped = taint.Effect == TaintEffect.NoExecute && taint.TimeAdded is null ? taint with { TimeAdded = Now.TruncateToSeconds() } : taint;
        return UpdateNode(name, n => n.WithTaint(stamped));
    }

    /// <summary>Removes taints by key, and by effect when given (<c>kubectl taint nodes NAME k:Effect-</c>).</summary>
    /// <param name="name">The node name.</param>
    /// <param name="key">The taint key.</param>
    /// <param name="effect">The effect, or null for every effect.</param>
    /// <returns>The stored node.</returns>
    public Node RemoveTaint(string name, string key, string? effect = null) => UpdateNode(name, n => n.WithoutTaint(key, effect));

    /// <summary>Marks the node unschedulable (<c>kubectl cordon</c>).</summary>
    /// <param name="name">The node name.</param>
    /// <returns>The stored node.</returns>
    public Node Cordon(string name) => UpdateNode(name, n => n with { Spec = n.Spec with { Unschedulable = true } });

    /// <summary>Marks the node schedulable (<c>kubectl uncordon</c>).</summary>
    /// <param name="name">The node name.</param>
    /// <returns>The stored node.</returns>
    public Node Uncordon(string name) => UpdateNode(name, n => n with { Spec = n.Spec with { Unschedulable = false } });

    /// <summary>Sets a node condition as the kubelet would report it (for example DiskPressure=True).</summary>
    /// <param name="name">The node name.</param>
    /// <param name="type">The condition type.</param>
    /// <param name="status">The status.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="message">The message.</param>
    /// <returns>The stored node.</returns>
    public Node SetNodeCondition(string name, string type, string status, string reason = "", string message = "") =>
        UpdateNode(name, n => n.WithCondition(new NodeCondition(type, status, Now.TruncateToSeconds(), reason, message)));

    /// <summary>
    /// The node's kubelet stops reporting. After the node monitor grace period the node lifecycle controller marks it Unknown,
    /// taints it <c>node.kubernetes.io/unreachable</c> (NoSchedule and NoExecute) and marks its pods not Ready; taint eviction follows.
    /// </summary>
    /// <param name="name">The node name.</param>
    /// <exception cref="ApiException">The node does not exist.</exception>
    public void FailNode(string name)
    {
        _ = State.GetNode(name) ?? throw ApiException.NotFound("nodes", name);
        _nodeLifecycle.KubeletStopped(name);
    }

    /// <summary>The node's kubelet reports Ready again: conditions recover, the platform taints go, pods start and turn Ready.</summary>
    /// <param name="name">The node name.</param>
    /// <exception cref="ApiException">The node does not exist.</exception>
    public void RecoverNode(string name)
    {
        var node = State.GetNode(name) ?? throw ApiException.NotFound("nodes", name);
        _nodeLifecycle.KubeletResumed(name);
        var now = Now.TruncateToSeconds();
        var wasReady = node.IsReady;
        node = node
            .WithCondition(new NodeCondition(NodeConditionType.MemoryPressure, ConditionStatus.False, now, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"))
            .WithCondition(new NodeCondition(NodeConditionType.DiskPressure, ConditionStatus.False, now, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"))
            .WithCondition(new NodeCondition(NodeConditionType.PidPressure, ConditionStatus.False, now, "KubeletHasSufficientPID", "kubelet has sufficient PID available"))
            .WithCondition(new NodeCondition(NodeConditionType.Ready, ConditionStatus.True, now, "KubeletReady", "kubelet is posting ready status"));
        PutNode(node);
        if (!wasReady)
        {
            RecordOn(node, EventType.Normal, "NodeReady", $"Node {name} status is now: NodeReady", EventSources.Kubelet);
        }

        _kubelet.Resume(name);
    }

    /// <summary>Deletes a node. Unbound daemon pods aimed at it are deleted by their controller; bound pods are removed by pod GC after the orphan grace period.</summary>
    /// <param name="name">The node name.</param>
    /// <exception cref="ApiException">The node does not exist.</exception>
    public void DeleteNode(string name)
    {
        var old = State.GetNode(name) ?? throw ApiException.NotFound("nodes", name);
        State = State.WithoutNode(name);
        _nodeLifecycle.KubeletResumed(name);
        _kubelet.Forget(name);
        OnNodeChanged(old, null);
        At(Now + Options.OrphanPodGracePeriod, sim => sim.CollectOrphanPods(name));
    }

    // ----- Priority classes -----

    /// <summary>Creates a priority class.</summary>
    /// <param name="priorityClass">The class.</param>
    /// <returns>The stored class.</returns>
    /// <exception cref="ApiException">The class is invalid, exists, or would be a second global default.</exception>
    public PriorityClass CreatePriorityClass(PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        ThrowIfInvalid("PriorityClass.scheduling.k8s.io", priorityClass.Name, ObjectValidation.ValidatePriorityClass(priorityClass));
        if (State.PriorityClasses.ContainsKey(priorityClass.Name))
        {
            throw ApiException.AlreadyExists("priorityclasses.scheduling.k8s.io", priorityClass.Name);
        }

        if (priorityClass.GlobalDefault && State.PriorityClasses.Values.FirstOrDefault(pc => pc.GlobalDefault) is { } existing)
        {
            throw new ApiException(StatusReason.Forbidden, $"priorityclasses.scheduling.k8s.io \"{priorityClass.Name}\" is forbidden: PriorityClass {existing.Name} is already marked as default. Only one default can exist");
        }

        var stored = priorityClass with
        {
            Metadata = priorityClass.Metadata with { Uid = NewUid(), CreationTimestamp = Now.TruncateToSeconds(), ResourceVersion = 1 },
        };
        State = State.WithPriorityClass(stored);
        return stored;
    }

    /// <summary>Updates a priority class's description and globalDefault (value and preemptionPolicy are immutable).</summary>
    /// <param name="priorityClass">The new class.</param>
    /// <returns>The stored class.</returns>
    /// <exception cref="ApiException">It does not exist, or the update is invalid.</exception>
    public PriorityClass UpdatePriorityClass(PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        var old = State.PriorityClasses.GetValueOrDefault(priorityClass.Name) ?? throw ApiException.NotFound("priorityclasses.scheduling.k8s.io", priorityClass.Name);
        var stored = priorityClass with { Metadata = priorityClass.Metadata with { Uid = old.Metadata.Uid, CreationTimestamp = old.Metadata.CreationTimestamp, ResourceVersion = old.Metadata.ResourceVersion } };
        ThrowIfInvalid("PriorityClass.scheduling.k8s.io", priorityClass.Name, ObjectValidation.ValidatePriorityClassUpdate(stored, old));
        if (stored == old)
        {
            return old;
        }

        stored = stored with { Metadata = stored.Metadata with { ResourceVersion = old.Metadata.ResourceVersion + 1 } };
        if (stored.GlobalDefault && State.PriorityClasses.Values.FirstOrDefault(pc => pc.GlobalDefault && pc.Name != stored.Name) is { } existing)
        {
            throw new ApiException(StatusReason.Forbidden, $"priorityclasses.scheduling.k8s.io \"{stored.Name}\" is forbidden: PriorityClass {existing.Name} is already marked as default. Only one default can exist");
        }

        State = State.WithPriorityClass(stored);
        return stored;
    }

    /// <summary>Deletes a priority class (the built-in system classes cannot be deleted).</summary>
    /// <param name="name">The class name.</param>
    /// <exception cref="ApiException">The class does not exist or is built in.</exception>
    public void DeletePriorityClass(string name)
    {
        _ = State.PriorityClasses.GetValueOrDefault(name) ?? throw ApiException.NotFound("priorityclasses.scheduling.k8s.io", name);
        if (name == PriorityClass.SystemClusterCritical.Name || name == PriorityClass.SystemNodeCritical.Name)
        {
            throw new ApiException(StatusReason.Forbidden, $"priorityclasses.scheduling.k8s.io \"{name}\" is forbidden: this is a built-in priority class and cannot be deleted");
        }

        State = State.WithoutPriorityClass(name);
    }

    // ----- Pods -----

    /// <summary>
    /// Creates a pod through defaulting, admission (priority class resolution, default not-ready/unreachable tolerations of 300 s)
    /// and validation. A pod without <c>spec.nodeName</c> goes to the scheduler; one with it goes straight to that node's kubelet.
    /// </summary>
    /// <param name="pod">The pod (a name, or a <c>generateName</c> prefix).</param>
    /// <returns>The stored pod.</returns>
    /// <exception cref="ApiException">The pod is invalid, forbidden, exists, or its namespace does not exist.</exception>
    public Pod CreatePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _warnings.Clear();
        var admitted = Admit(pod, _warnings);
        PutPod(admitted);
        return State.Pods[admitted.Key];
    }

    /// <summary>
    /// Creates <paramref name="count"/> plain workload pods <c>PREFIX1</c>..<c>PREFIXN</c> from one template (<c>sim pods create</c>), to fill
    /// nodes and create resource pressure. They go through admission and the scheduler unless the template names a node.
    /// </summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="namePrefix">The name prefix, e.g. <c>filler-</c>.</param>
    /// <param name="count">How many.</param>
    /// <param name="template">The pod template (labels, requests, priority class, optional nodeName).</param>
    /// <returns>The stored pods.</returns>
    /// <exception cref="ApiException">A pod is rejected; the ones before it were created (as a shell loop of <c>kubectl create</c> would).</exception>
    public IReadOnlyList<Pod> CreatePods(string ns, string namePrefix, int count, PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var created = new List<Pod>(count);
        for (var i = 1; i <= count; i++)
        {
            created.Add(CreatePod(new Pod
            {
                Metadata = template.Metadata with { Name = namePrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Namespace = ns, GenerateName = "" },
                Spec = template.Spec,
            }));
        }

        return created;
    }

    /// <summary>Deletes a pod gracefully: a bound pod terminates for its grace period; an unbound or finished one goes at once.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="gracePeriodSeconds">The grace period; the pod's <c>terminationGracePeriodSeconds</c> when null; 0 deletes at once.</param>
    /// <exception cref="ApiException">The pod does not exist.</exception>
    public void DeletePod(string ns, string name, long? gracePeriodSeconds = null)
    {
        var pod = State.GetPod(ns, name) ?? throw ApiException.NotFound("pods", name);
        DeletePodGracefully(pod, gracePeriodSeconds);
    }

    /// <summary>
    /// Updates a pod's labels, annotations and container images (the fields a pod update may change that matter here). Changing
    /// labels can release a pod from its DaemonSet or let one adopt it.
    /// </summary>
    /// <param name="pod">The pod with its new labels, annotations and images.</param>
    /// <returns>The stored pod.</returns>
    /// <exception cref="ApiException">The pod does not exist, or the update changes another spec field.</exception>
    public Pod UpdatePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var old = State.GetPod(pod.Namespace, pod.Name) ?? throw ApiException.NotFound("pods", pod.Name);
        var images = old.Spec with
        {
            Containers = old.Spec.Containers.Zip(pod.Spec.Containers, (o, n) => o with { Image = n.Image }).ToEquatableArray(),
            InitContainers = old.Spec.InitContainers.Zip(pod.Spec.InitContainers, (o, n) => o with { Image = n.Image }).ToEquatableArray(),
        };
        if (pod.Spec.Containers.Count != old.Spec.Containers.Count || pod.Spec.InitContainers.Count != old.Spec.InitContainers.Count || images != pod.Spec)
        {
            throw ApiException.Invalid("Pod", pod.Name,
            [
                FieldError.Forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"),
            ]);
        }

        var updated = old with
        {
            Metadata = old.Metadata with { Labels = pod.Metadata.Labels, Annotations = pod.Metadata.Annotations },
            Spec = images,
        };
        ThrowIfInvalid("Pod", pod.Name, ObjectValidation.ValidatePod(updated));
        if (updated != old)
        {
            PutPod(updated);
        }

        return State.Pods[old.Key];
    }

    /// <summary>Changes a pod with a function (a read-modify-write), e.g. to relabel it.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="change">The change.</param>
    /// <returns>The stored pod.</returns>
    public Pod UpdatePod(string ns, string name, Func<Pod, Pod> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var old = State.GetPod(ns, name) ?? throw ApiException.NotFound("pods", name);
        return UpdatePod(change(old));
    }

    /// <summary>
    /// The pod's containers start crashing (<c>sim pod crash</c>): they exit with an error now and after every restart; the kubelet
    /// restarts them at once the first time, then in CrashLoopBackOff with back-off 10 s doubling to 5 min. The pod stays Running,
    /// not Ready, until <see cref="HealPod"/>.
    /// </summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The pod.</param>
    /// <exception cref="ApiException">The pod does not exist.</exception>
    public void CrashPod(string ns, string name)
    {
        var pod = State.GetPod(ns, name) ?? throw ApiException.NotFound("pods", name);
        _kubelet.Crash(pod.Key, pod.Metadata.Uid);
        RequestReconcile();
    }

    /// <summary>The pod's containers stop crashing: the next restart stays up and turns Ready.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The pod.</param>
    /// <exception cref="ApiException">The pod does not exist.</exception>
    public void HealPod(string ns, string name)
    {
        var pod = State.GetPod(ns, name) ?? throw ApiException.NotFound("pods", name);
        _kubelet.Heal(pod.Metadata.Uid);
    }

    /// <summary>
    /// Pods that still have to pull <paramref name="image"/> fail to (ErrImagePull, then ImagePullBackOff, retried with back-off) until
    /// <see cref="HealImage"/>; pods already running it are unaffected. Used to simulate a bad rollout.
    /// </summary>
    /// <param name="image">The image reference, exactly as in the pod spec.</param>
    public void FailImage(string image) => _kubelet.FailImage(image);

    /// <summary>The image can be pulled again; waiting pods start at their next pull attempt.</summary>
    /// <param name="image">The image reference.</param>
    public void HealImage(string image) => _kubelet.HealImage(image);

    /// <summary>The pod fails for good: phase Failed with the given reason (the DaemonSet controller then deletes and replaces it, with back-off).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The pod.</param>
    /// <param name="reason">The pod's <c>status.reason</c>.</param>
    /// <param name="message">The pod's <c>status.message</c>.</param>
    /// <exception cref="ApiException">The pod does not exist.</exception>
    public void FailPod(string ns, string name, string reason = "Error", string message = "")
    {
        var pod = State.GetPod(ns, name) ?? throw ApiException.NotFound("pods", name);
        _kubelet.FailPod(pod.Key, pod.Metadata.Uid, reason, message);
    }

    // ----- DaemonSets -----

    /// <summary>Creates a DaemonSet through defaulting and validation; the controller reacts on the next step of the clock.</summary>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The stored DaemonSet (generation 1, template generation annotation "1").</returns>
    /// <exception cref="ApiException">It is invalid, exists, or its namespace does not exist.</exception>
    public DaemonSet CreateDaemonSet(DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        _warnings.Clear();
        var defaulted = Defaults.Apply(ds);
        ThrowIfInvalid("DaemonSet.apps", ds.Name, ObjectValidation.ValidateDaemonSet(defaulted));
        RequireNamespace(ds.Namespace);
        if (State.DaemonSets.ContainsKey(ds.Key))
        {
            throw ApiException.AlreadyExists("daemonsets.apps", ds.Name);
        }

        WarnPodSecurity(Admission.NamespacePodSecurity.FromLabels(State.Namespaces[ds.Namespace].Metadata.Labels), Defaults.Apply(defaulted.Spec.Template.Spec), _warnings);

        var stored = defaulted with
        {
            Metadata = defaulted.Metadata with
            {
                Uid = NewUid(),
                CreationTimestamp = Now.TruncateToSeconds(),
                Generation = 1,
                DeletionTimestamp = null,
                Annotations = defaulted.Metadata.Annotations.With(DaemonSetLabels.TemplateGenerationAnnotation, "1"),
            },
            Status = new DaemonSetStatus(),
        };
        PutDaemonSet(stored, specChanged: true);
        RecordRolloutStart(stored);
        return State.DaemonSets[stored.Key];
    }

    /// <summary>
    /// Updates a DaemonSet: the selector is immutable; a template change bumps <c>generation</c> and the template generation; any other
    /// spec change bumps <c>generation</c> only; status in the request is ignored.
    /// </summary>
    /// <param name="ds">The new DaemonSet.</param>
    /// <returns>The stored DaemonSet.</returns>
    /// <exception cref="ApiException">It does not exist or the update is invalid.</exception>
    public DaemonSet UpdateDaemonSet(DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        _warnings.Clear();
        var old = State.DaemonSets.GetValueOrDefault(ds.Key) ?? throw ApiException.NotFound("daemonsets.apps", ds.Name);
        var defaulted = Defaults.Apply(ds);
        var templateGeneration = long.Parse(old.Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.TemplateGenerationAnnotation) ?? "1", CultureInfo.InvariantCulture);
        var templateChanged = defaulted.Spec.Template != old.Spec.Template;
        var specChanged = defaulted.Spec != old.Spec;
        if (templateChanged)
        {
            templateGeneration++;
        }

        var stored = defaulted with
        {
            Metadata = defaulted.Metadata with
            {
                Uid = old.Metadata.Uid,
                CreationTimestamp = old.Metadata.CreationTimestamp,
                DeletionTimestamp = old.Metadata.DeletionTimestamp,
                ResourceVersion = old.Metadata.ResourceVersion,
                Generation = old.Metadata.Generation + (specChanged ? 1 : 0),
                Annotations = defaulted.Metadata.Annotations.With(DaemonSetLabels.TemplateGenerationAnnotation, templateGeneration.ToString(CultureInfo.InvariantCulture)),
            },
            Status = old.Status,
        };
        ThrowIfInvalid("DaemonSet.apps", ds.Name, ObjectValidation.ValidateDaemonSetUpdate(stored, old));
        if (stored == old)
        {
            return old;
        }

        WarnPodSecurity(Admission.NamespacePodSecurity.FromLabels(State.Namespaces.GetValueOrDefault(ds.Namespace)?.Metadata.Labels ?? default), Defaults.Apply(stored.Spec.Template.Spec), _warnings);

        PutDaemonSet(stored, specChanged: true);
        if (templateChanged)
        {
            RecordRolloutStart(stored);
        }

        return State.DaemonSets[stored.Key];
    }

    /// <summary>Changes a DaemonSet with a function (a read-modify-write), e.g. <c>ds =&gt; ds with { Spec = ... }</c>.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="change">The change.</param>
    /// <returns>The stored DaemonSet.</returns>
    public DaemonSet UpdateDaemonSet(string ns, string name, Func<DaemonSet, DaemonSet> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var old = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        return UpdateDaemonSet(change(old));
    }

    /// <summary>Deletes a DaemonSet with the given propagation (kubectl's default is background: its pods are deleted too).</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="propagation">What happens to its pods.</param>
    /// <exception cref="ApiException">It does not exist.</exception>
    public void DeleteDaemonSet(string ns, string name, DeletionPropagation propagation = DeletionPropagation.Background)
    {
        var ds = State.GetDaemonSet(ns, name) ?? throw ApiException.NotFound("daemonsets.apps", name);
        var dependents = State.PodsControlledBy(ds.Metadata.Uid).ToList();
        CollectRevisions(ds, orphan: propagation == DeletionPropagation.Orphan);
        switch (propagation)
        {
            case DeletionPropagation.Orphan:
                foreach (var pod in dependents)
                {
                    PutPod(pod with { Metadata = pod.Metadata with { OwnerReferences = pod.Metadata.OwnerReferences.Where(o => o.Uid != ds.Metadata.Uid).ToEquatableArray() } });
                }

                FinishDaemonSetDeletion(ds.Key);
                break;
            case DeletionPropagation.Foreground:
                PutDaemonSet(ds with { Metadata = ds.Metadata with { DeletionTimestamp = Now.TruncateToSeconds(), DeletionGracePeriodSeconds = 0 } }, specChanged: true);
                foreach (var pod in dependents.Where(p => !p.IsTerminating))
                {
                    DeletePodGracefully(pod, null);
                }

                if (!State.PodsControlledBy(ds.Metadata.Uid).Any())
                {
                    FinishDaemonSetDeletion(ds.Key);
                }

                break;
            default:
                FinishDaemonSetDeletion(ds.Key);
                foreach (var pod in dependents.Where(p => !p.IsTerminating))
                {
                    DeletePodGracefully(pod, null);
                }

                break;
        }
    }

    // ----- Internals used by controllers -----

    internal void ApplyRevisionAction(DaemonSet ds, Controllers.RevisionAction action)
    {
        switch (action)
        {
            case Controllers.CreateRevision create:
                State = State.WithRevision(create.Revision with
                {
                    Metadata = create.Revision.Metadata with { Uid = NewUid(), CreationTimestamp = Now.TruncateToSeconds(), ResourceVersion = 1 },
                });
                break;
            case Controllers.UpdateRevision update:
                var old = State.ControllerRevisions.GetValueOrDefault(update.Revision.Key);
                State = State.WithRevision(update.Revision with
                {
                    Metadata = update.Revision.Metadata with { ResourceVersion = (old?.Metadata.ResourceVersion ?? 0) + 1 },
                });
                break;
            case Controllers.DeleteRevision delete:
                State = State.WithoutRevision(delete.Revision.Key);
                break;
            case Controllers.SetCollisionCount collision:
                var current = State.DaemonSets[ds.Key];
                PutDaemonSet(current with { Status = current.Status with { CollisionCount = collision.CollisionCount } }, specChanged: false);
                break;
            default:
                throw new InvalidOperationException("Unknown revision action " + action);
        }
    }

    /// <summary>The garbage collector's part of deleting a DaemonSet: its revisions go, or with orphaning lose their owner.</summary>
    private void CollectRevisions(DaemonSet ds, bool orphan)
    {
        foreach (var revision in State.RevisionsControlledBy(ds.Metadata.Uid).ToList())
        {
            State = orphan
                ? State.WithRevision(revision with { Metadata = revision.Metadata with { OwnerReferences = revision.Metadata.OwnerReferences.Where(o => o.Uid != ds.Metadata.Uid).ToEquatableArray() } })
                : State.WithoutRevision(revision.Key);
        }
    }

    internal void FinishDaemonSetDeletion(string key)
    {
        // Foreground deletion can finish from the last dependent's removal and from the delete call itself; once is enough.
        if (!State.DaemonSets.ContainsKey(key))
        {
            return;
        }

        State = State.WithoutDaemonSet(key);
        _daemonSets.OnDaemonSetChanged(key);
        RequestReconcile();
    }

    internal void RequeueDaemonSetNode(string key, string nodeName)
    {
        _daemonSets.Requeue(key, nodeName);
        RequestReconcile();
    }

    internal void RecordOn(DaemonSet ds, string type, string reason, string message, string source) =>
        Record(new ObjectReference("DaemonSet", ds.Namespace, ds.Name, ds.Metadata.Uid), type, reason, message, source);

    internal void RecordOn(Pod pod, string type, string reason, string message, string source) =>
        Record(new ObjectReference("Pod", pod.Namespace, pod.Name, pod.Metadata.Uid), type, reason, message, source);

    internal void RecordOn(Node node, string type, string reason, string message, string source) =>
        Record(new ObjectReference("Node", "", node.Name, node.Metadata.Uid), type, reason, message, source);

    internal Pod? CreatePodFromController(Pod pod, out string error)
    {
        // The controller's own requests go through the same admission but leave the user's last warnings alone.
        try
        {
            error = "";
            var admitted = Admit(pod, warnings: null);
            PutPod(admitted);
            return State.Pods[admitted.Key];
        }
        catch (ApiException e)
        {
            error = e.Message;
            return null;
        }
    }

    internal bool DeletePodFromController(string key, string uid)
    {
        if (!State.Pods.TryGetValue(key, out var pod) || pod.Metadata.Uid != uid || pod.IsTerminating)
        {
            return false;
        }

        DeletePodGracefully(pod, null);
        return true;
    }

    internal bool BypassedScheduler(Pod pod) => _boundAtCreation.Contains(pod.Metadata.Uid);

    internal bool IsKubeletDown(string nodeName) => _nodeLifecycle.IsKubeletDown(nodeName);

    internal void NodeLifecycleCheck(string nodeName, SimTime since)
    {
        _nodeLifecycle.GracePeriodExpired(nodeName, since);
        RequestReconcile();
    }

    internal void MarkPodsNotReady(string nodeName)
    {
        var now = Now.TruncateToSeconds();
        foreach (var pod in State.PodsOnNode(nodeName).ToList())
        {
            if (!pod.IsTerminal && pod.IsReady)
            {
                PutPod(pod.WithCondition(new PodCondition(PodConditionType.Ready, ConditionStatus.False, now)));
            }
        }
    }

    internal void KubeletStart(string key, string uid) => _kubelet.Start(key, uid);

    internal void KubeletReady(string key, string uid) => _kubelet.MarkReady(key, uid, true);

    internal void KubeletContainerExit(string key, string uid) => _kubelet.Exit(key, uid);

    internal void KubeletRestart(string key, string uid) => _kubelet.Restart(key, uid);

    internal void KubeletPullBackOff(string key, string uid, string container, string image) => _kubelet.PullBackOff(key, uid, container, image);

    internal void KubeletFinishTermination(string key, string uid) => _kubelet.FinishTermination(key, uid);

    internal void TaintEvictionDue(string key, string uid, SimTime trigger) => _taintEviction.Fire(key, uid, trigger);

    internal void EvictForTaint(Pod pod)
    {
        if (pod.IsTerminating)
        {
            return;
        }

        RecordOn(pod, EventType.Normal, "TaintManagerEviction", $"Marking for deletion Pod {pod.Namespace}/{pod.Name}", EventSources.TaintEvictionController);
        var marked = pod.WithCondition(new PodCondition(PodConditionType.DisruptionTarget, ConditionStatus.True, Now.TruncateToSeconds(), "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"));
        PutPod(marked);
        DeletePodGracefully(marked, null);
    }

    internal void CollectOrphanPods(string nodeName)
    {
        if (State.Nodes.ContainsKey(nodeName))
        {
            return;
        }

        foreach (var pod in State.PodsOnNode(nodeName).ToList())
        {
            RecordOn(pod, EventType.Normal, "PodGC", $"Deleting pod {pod.Namespace}/{pod.Name} bound to deleted node {nodeName}", EventSources.PodGarbageCollector);
            RemovePod(pod.Key);
        }
    }

    internal void Bind(Pod pod, string nodeName)
    {
        var bound = pod with
        {
            Spec = pod.Spec with { NodeName = nodeName },
            Status = pod.Status with { NominatedNodeName = "" },
        };
        PutPod(bound.WithCondition(Condition(PodConditionType.PodScheduled, ConditionStatus.True)));
        RecordOn(pod, EventType.Normal, "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {nodeName}", EventSources.Scheduler);
    }

    /// <summary>A pod condition of the given type and status that changed now, without reason or message (shared within the second).</summary>
    internal PodCondition Condition(string type, string status) =>
        _conditions.Get(Now.TruncateToSeconds(), (type, status), static (key, second) => new PodCondition(key.Type, key.Status, second));

    internal void MarkUnschedulable(Pod pod, Scheduling.ScheduleDecision decision)
    {
        RecordOn(pod, EventType.Warning, "FailedScheduling", decision.Message, EventSources.Scheduler);
        var updated = pod.WithCondition(new PodCondition(PodConditionType.PodScheduled, ConditionStatus.False, Now.TruncateToSeconds(), "Unschedulable", decision.Message));
        if (decision.NominatedNodeName is { } nominated)
        {
            updated = updated with { Status = updated.Status with { NominatedNodeName = nominated } };
        }
        else if (decision.ClearNomination && updated.Status.NominatedNodeName.Length != 0)
        {
            updated = updated with { Status = updated.Status with { NominatedNodeName = "" } };
        }

        if (updated != pod)
        {
            PutPod(updated);
        }

        foreach (var victim in decision.Victims)
        {
            if (!State.Pods.TryGetValue(victim.Key, out var current) || current.IsTerminating)
            {
                continue;
            }

            RecordOn(current, EventType.Normal, "Preempted", $"Preempted by pod {pod.Metadata.Uid} on node {decision.NominatedNodeName}", EventSources.Scheduler);
            var marked = current.WithCondition(new PodCondition(PodConditionType.DisruptionTarget, ConditionStatus.True, Now.TruncateToSeconds(), "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod"));
            PutPod(marked);
            DeletePodGracefully(marked, null);
        }
    }

    private void DeletePodGracefully(Pod pod, long? gracePeriodSeconds)
    {
        var grace = gracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30;
        if (!pod.IsBound || pod.IsTerminal || grace <= 0 || !State.Nodes.ContainsKey(pod.Spec.NodeName))
        {
            RemovePod(pod.Key);
            return;
        }

        if (pod.IsTerminating)
        {
            return;
        }

        PutPod(pod with
        {
            Metadata = pod.Metadata with { DeletionTimestamp = (Now + SimTime.Seconds(grace)).TruncateToSeconds(), DeletionGracePeriodSeconds = grace },
        });
    }

    private Pod Admit(Pod pod, List<string>? warnings)
    {
        RequireNamespace(pod.Namespace);
        var displayName = pod.Name.Length != 0 ? pod.Name : pod.Metadata.GenerateName;
        var defaulted = Defaults.Apply(pod);

        // Priority admission: the class named, else the global default, else priority 0.
        var className = defaulted.Spec.PriorityClassName;
        PriorityClass? priorityClass = null;
        if (className.Length != 0)
        {
            priorityClass = State.PriorityClasses.GetValueOrDefault(className)
                ?? throw new ApiException(StatusReason.Forbidden, $"pods \"{displayName}\" is forbidden: no PriorityClass with name {className} was found");
        }
        else
        {
            priorityClass = State.PriorityClasses.Values.Where(pc => pc.GlobalDefault).OrderBy(pc => pc.Value).FirstOrDefault();
        }

        var spec = defaulted.Spec with
        {
            PriorityClassName = priorityClass?.Name ?? "",
            Priority = priorityClass?.Value ?? 0,
            PreemptionPolicy = priorityClass?.PreemptionPolicy ?? PreemptionPolicy.PreemptLowerPriority,
        };
        if (pod.Spec.Priority is { } requested && requested != spec.Priority)
        {
            throw new ApiException(StatusReason.Forbidden, $"pods \"{displayName}\" is forbidden: the integer value of priority ({requested}) must not be provided in pod spec; priority admission controller computed {spec.Priority} from the given PriorityClass name");
        }

        if (pod.Spec.PreemptionPolicy is { } requestedPolicy && requestedPolicy != spec.PreemptionPolicy)
        {
            throw new ApiException(StatusReason.Forbidden, $"pods \"{displayName}\" is forbidden: the string value of PreemptionPolicy ({requestedPolicy}) must not be provided in pod spec; priority admission controller computed {spec.PreemptionPolicy} from the given PriorityClass name");
        }

        spec = spec with { Tolerations = WithDefaultTolerations(spec.Tolerations) };
        // The API server generates the name before validating admission runs; draw it from a copy of the generator and keep
        // the draw only if the pod is admitted, so a rejected pod leaves even the random generator untouched.
        const string suffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
        var random = Random.Clone();
        var name = pod.Name;
        if (name.Length == 0 && pod.Metadata.GenerateName.Length != 0)
        {
            do
            {
                // Kubernetes' SimpleNameGenerator cuts the prefix to 58 characters so the name stays within 63.
                var prefix = pod.Metadata.GenerateName.Length > 58 ? pod.Metadata.GenerateName[..58] : pod.Metadata.GenerateName;
                name = prefix + random.NextString(suffixAlphabet, 5);
            }
            while (State.Pods.ContainsKey(pod.Namespace + "/" + name));
        }

        var now = Now.TruncateToSeconds();
        var admitted = defaulted with
        {
            Metadata = defaulted.Metadata with { Name = name, CreationTimestamp = now, DeletionTimestamp = null, ResourceVersion = 0 },
            Spec = spec,
            Status = new PodStatus { Phase = PodPhase.Pending },
        };
        ThrowIfInvalid("Pod", displayName, ObjectValidation.ValidatePod(admitted));
        if (State.Pods.ContainsKey(admitted.Key))
        {
            throw ApiException.AlreadyExists("pods", pod.Name);
        }

        AdmitPodSecurity(admitted, warnings);
        Random.CopyFrom(random);
        admitted = admitted with { Metadata = admitted.Metadata with { Uid = NewUid() } };

        if (admitted.IsBound)
        {
            _boundAtCreation.Add(admitted.Metadata.Uid);
        }

        return admitted;
    }

    /// <summary>
    /// Pod Security admission for a pod: the namespace's enforce level rejects it (<c>pods "x" is forbidden: violates PodSecurity ...</c>);
    /// its warn level adds a warning (<c>would violate PodSecurity ...</c>) to <see cref="LastWarnings"/>.
    /// </summary>
    private void AdmitPodSecurity(Pod pod, List<string>? warnings)
    {
        var policy = Admission.NamespacePodSecurity.FromLabels(State.Namespaces.GetValueOrDefault(pod.Namespace)?.Metadata.Labels ?? default);
        var enforced = Admission.PodSecurity.Check(policy.Enforce, pod.Spec);
        if (enforced.Count > 0)
        {
            throw new ApiException(StatusReason.Forbidden, Admission.PodSecurity.ForbiddenMessage(pod.Name, policy.Enforce, enforced));
        }

        WarnPodSecurity(policy, pod.Spec, warnings);
    }

    /// <summary>Pod Security's warn level for a pod or a pod template (controllers get warnings only, never a rejection).</summary>
    private static void WarnPodSecurity(Admission.NamespacePodSecurity policy, PodSpec spec, List<string>? warnings)
    {
        if (warnings is null || policy.Warn.Level == Admission.PodSecurityLevel.Privileged)
        {
            return;
        }

        var violations = Admission.PodSecurity.Check(policy.Warn, spec);
        if (violations.Count > 0)
        {
            warnings.Add(Admission.PodSecurity.WarningMessage(policy.Warn, violations));
        }
    }

    private EquatableArray<Toleration> WithDefaultTolerations(EquatableArray<Toleration> tolerations)
    {
        var result = tolerations;
        foreach (var key in DefaultTolerationKeys)
        {
            if (!ToleratesNoExecute(tolerations, key))
            {
                result = result.Add(new Toleration(key, TolerationOperator.Exists, "", TaintEffect.NoExecute, Options.DefaultTolerationSeconds));
            }
        }

        return result;

        // Kubernetes' DefaultTolerationSeconds looks at key and effect only.
        static bool ToleratesNoExecute(EquatableArray<Toleration> tolerations, string key)
        {
            foreach (var t in tolerations)
            {
                if ((t.Key == key || t.Key.Length == 0) && (t.Effect.Length == 0 || t.Effect == TaintEffect.NoExecute))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static readonly string[] DefaultTolerationKeys = [WellKnownTaints.NotReady, WellKnownTaints.Unreachable];

    private void RequireNamespace(string ns)
    {
        if (ns.Length != 0 && !State.Namespaces.ContainsKey(ns))
        {
            throw ApiException.NotFound("namespaces", ns);
        }
    }

    private static void ThrowIfInvalid(string qualifiedKind, string name, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(qualifiedKind, name, errors);
        }
    }
}
