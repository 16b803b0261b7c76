using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Engine;

public sealed partial class Simulation
{
    /// <summary>
    /// Loads objects taken from an existing cluster as they are (<c>kubesim sim load</c>): uids, owner references, labels such as
    /// <c>controller-revision-hash</c>, timestamps, generations, status and <c>spec.nodeName</c> are kept; only absent fields are
    /// defaulted. Controllers then reconcile from that state, as after a restart of the control plane: the DaemonSet controller
    /// adopts its revisions and pods, the scheduler takes the pending pods, and kubelets start bound pods that are not running.
    /// </summary>
    /// <remarks>
    /// Missing namespaces that objects live in are created (a <c>kubectl get -A</c> listing does not include them); the snapshot's
    /// copies of the built-in namespaces replace the simulator's. Priority classes equal to the built-in ones are skipped. The load is atomic: every object is checked first, and any invalid object or name
    /// clash throws without changing anything.
    /// </remarks>
    /// <param name="snapshot">The objects.</param>
    /// <exception cref="ApiException">An object is invalid or already exists (the message names it).</exception>
    public void Restore(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var namespaces = new SortedDictionary<string, Namespace>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces)
        {
            ThrowIfInvalid("Namespace", ns.Name, ObjectValidation.ValidateNamespace(ns));

            // Every cluster has the built-in namespaces; the snapshot's copies (uid, labels) replace ours.
            var builtIn = ns.Name is "default" or "kube-system" or "kube-public" or "kube-node-lease";
            Unique(namespaces, ns.Name, ns, State.Namespaces.ContainsKey(ns.Name) && !builtIn, "namespaces");
        }

        var priorityClasses = new SortedDictionary<string, PriorityClass>(StringComparer.Ordinal);
        foreach (var pc in snapshot.PriorityClasses)
        {
            ThrowIfInvalid("PriorityClass.scheduling.k8s.io", pc.Name, ObjectValidation.ValidatePriorityClass(pc));
            if (State.PriorityClasses.GetValueOrDefault(pc.Name) is { } existing && existing.Value == pc.Value && existing.GlobalDefault == pc.GlobalDefault)
            {
                continue;
            }

            Unique(priorityClasses, pc.Name, pc, State.PriorityClasses.ContainsKey(pc.Name), "priorityclasses.scheduling.k8s.io");
        }

        var nodes = new List<Node>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in snapshot.Nodes)
        {
            var stored = node.Status.Allocatable.IsEmpty ? node with { Status = node.Status with { Allocatable = node.Status.Capacity } } : node;
            stored = stored.Status.Capacity.IsEmpty ? stored with { Status = stored.Status with { Capacity = stored.Status.Allocatable } } : stored;
            ThrowIfInvalid("Node", node.Name, ObjectValidation.ValidateNode(stored));
            if (!keys.Add("node/" + node.Name) || State.Nodes.ContainsKey(node.Name))
            {
                throw ApiException.AlreadyExists("nodes", node.Name);
            }

            nodes.Add(stored);
        }

        var daemonSets = new List<DaemonSet>();
        foreach (var ds in snapshot.DaemonSets)
        {
            var stored = Defaults.Apply(ds);
            ThrowIfInvalid("DaemonSet.apps", ds.Name, ObjectValidation.ValidateDaemonSet(stored));
            if (!keys.Add("ds/" + ds.Key) || State.DaemonSets.ContainsKey(ds.Key))
            {
                throw ApiException.AlreadyExists("daemonsets.apps", ds.Name);
            }

            daemonSets.Add(stored);
            namespaces.TryAdd(ds.Namespace, ImplicitNamespace(ds.Namespace));
        }

        foreach (var revision in snapshot.ControllerRevisions)
        {
            if (revision.Name.Length == 0 || revision.Namespace.Length == 0)
            {
                throw ApiException.Invalid("ControllerRevision.apps", revision.Name, [FieldError.Required(revision.Name.Length == 0 ? "metadata.name" : "metadata.namespace", "")]);
            }

            if (!keys.Add("cr/" + revision.Key) || State.ControllerRevisions.ContainsKey(revision.Key))
            {
                throw ApiException.AlreadyExists("controllerrevisions.apps", revision.Name);
            }

            namespaces.TryAdd(revision.Namespace, ImplicitNamespace(revision.Namespace));
        }

        var pods = new List<Pod>();
        foreach (var pod in snapshot.Pods)
        {
            var stored = Defaults.Apply(pod);
            ThrowIfInvalid("Pod", pod.Name, ObjectValidation.ValidatePod(stored));
            if (!keys.Add("pod/" + pod.Key) || State.Pods.ContainsKey(pod.Key))
            {
                throw ApiException.AlreadyExists("pods", pod.Name);
            }

            pods.Add(stored);
            namespaces.TryAdd(pod.Namespace, ImplicitNamespace(pod.Namespace));
        }

        // Everything checked: from here on nothing throws, so the load is all or nothing.
        foreach (var ns in namespaces.Values)
        {
            if (!State.Namespaces.ContainsKey(ns.Name) || snapshot.Namespaces.Contains(ns))
            {
                State = State.WithNamespace(ns with { Metadata = Restored(ns.Metadata) with { Labels = ns.Metadata.Labels.With("kubernetes.io/metadata.name", ns.Name) } });
            }
        }

        foreach (var pc in priorityClasses.Values)
        {
            State = State.WithPriorityClass(pc with { Metadata = Restored(pc.Metadata) });
        }

        foreach (var revision in snapshot.ControllerRevisions)
        {
            State = State.WithRevision(revision with { Metadata = Restored(revision.Metadata) });
        }

        foreach (var node in nodes)
        {
            PutNode(node with { Metadata = Restored(node.Metadata) });
        }

        foreach (var pod in pods)
        {
            PutPod(pod with { Metadata = Restored(pod.Metadata) });
        }

        foreach (var ds in daemonSets)
        {
            PutDaemonSet(ds with { Metadata = Restored(ds.Metadata) with { Generation = Math.Max(1, ds.Metadata.Generation) } }, specChanged: true);
        }

        RequestReconcile();
    }

    private ObjectMeta Restored(ObjectMeta meta) => meta with
    {
        Uid = meta.Uid.Length != 0 ? meta.Uid : NewUid(),
        CreationTimestamp = meta.CreationTimestamp == default ? Now.TruncateToSeconds() : meta.CreationTimestamp,
        ResourceVersion = 0,
    };

    private static Namespace ImplicitNamespace(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    private static void Unique<T>(SortedDictionary<string, T> seen, string name, T value, bool exists, string resource)
    {
        if (exists || !seen.TryAdd(name, value))
        {
            throw ApiException.AlreadyExists(resource, name);
        }
    }
}
