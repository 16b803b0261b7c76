using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Simulator.Engine;
using Simulator.Kubernetes.Output;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes.Manifests;

/// <summary>How <see cref="ManifestApplier"/> treats objects that already exist.</summary>
public enum ApplyMode
{
    /// <summary><c>kubectl apply</c>: create, or update an existing object to the manifest (<c>configured</c> / <c>unchanged</c>).</summary>
    Apply,

    /// <summary><c>kubectl create</c>: an existing object is an <c>AlreadyExists</c> error.</summary>
    Create,
}

/// <summary>The outcome of applying manifests: kubectl's lines (<c>daemonset.apps/fluentd created</c>) and the API's warnings.</summary>
/// <param name="Lines">One line per object, in order.</param>
/// <param name="Warnings">Warnings to print before them (<c>Warning: ...</c> without the prefix).</param>
public sealed record ApplyResult(IReadOnlyList<string> Lines, IReadOnlyList<string> Warnings);

/// <summary>
/// Applies manifests to a simulated cluster as <c>kubectl apply -f</c> / <c>kubectl create -f</c> do, with one difference users ask for:
/// a batch applies all of its objects or none (kubectl stops halfway). Objects are checked against a scratch cluster holding the
/// namespaces, priority classes and the existing objects the batch names, then applied for real.
/// </summary>
public static class ManifestApplier
{
    /// <summary>The annotation <c>kubectl apply</c> keeps the last applied manifest in.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Applies the objects in order.</summary>
    /// <param name="sim">The cluster.</param>
    /// <param name="objects">The objects (from <see cref="ManifestReader"/>).</param>
    /// <param name="mode">Apply or create.</param>
    /// <param name="defaultNamespace">The namespace for namespaced objects that name none (kubectl's <c>-n</c>, else <c>default</c>).</param>
    /// <param name="namespaceFlag">True when <paramref name="defaultNamespace"/> was given with <c>-n</c>: an object in another namespace is then an error.</param>
    /// <returns>kubectl's lines.</returns>
    /// <exception cref="ManifestException">An object was refused; the message is kubectl's and nothing was changed.</exception>
    public static ApplyResult Apply(Simulation sim, IReadOnlyList<ManifestObject> objects, ApplyMode mode, string defaultNamespace = "default", bool namespaceFlag = false)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(objects);
        if (objects.Count > 1)
        {
            // Dry run on a scratch cluster first, so that a bad object late in the file leaves the real cluster untouched.
            var scratch = Scratch(sim, objects, defaultNamespace);
            _ = ApplyAll(scratch, objects, mode, defaultNamespace, namespaceFlag);
        }

        return ApplyAll(sim, objects, mode, defaultNamespace, namespaceFlag);
    }

    /// <summary>Applies KubernetesClient objects built in C# (a .NET operator's own objects), in order, all or none.</summary>
    /// <param name="sim">The cluster.</param>
    /// <param name="objects">The objects; each must carry its <c>apiVersion</c> and <c>kind</c>.</param>
    /// <returns>kubectl's lines.</returns>
    /// <exception cref="ManifestException">An object was refused; nothing was changed.</exception>
    public static ApplyResult Apply(Simulation sim, params IKubernetesObject[] objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Apply(sim, objects.Select(ManifestReader.FromObject).ToList(), ApplyMode.Apply);
    }

    private static ApplyResult ApplyAll(Simulation sim, IReadOnlyList<ManifestObject> objects, ApplyMode mode, string defaultNamespace, bool namespaceFlag)
    {
        var lines = new List<string>();
        var warnings = new List<string>();
        foreach (var manifest in objects)
        {
            var ns = manifest.Namespace.Length != 0 ? manifest.Namespace : defaultNamespace;
            if (namespaceFlag && manifest.Namespace.Length != 0 && manifest.Namespace != defaultNamespace && IsNamespaced(manifest.Object))
            {
                throw new ManifestException(
                    $"error: the namespace from the provided object \"{manifest.Namespace}\" does not match the namespace \"{defaultNamespace}\". You must pass '--namespace={manifest.Namespace}' to perform this operation.");
            }

            bool created;
            string verb;
            try
            {
                (created, verb) = ApplyOne(sim, manifest, mode, ns);
            }
            catch (ApiException e)
            {
                var action = mode == ApplyMode.Create || !Exists(sim, manifest.Object, ns) ? "creating" : "patching";
                throw new ManifestException($"Error from server ({e.Reason}): error when {action} \"{manifest.Source}\": {e.Message}", e);
            }

            warnings.AddRange(sim.LastWarnings);
            lines.Add($"{ResourceName(manifest.Object)}/{manifest.Name} {(created ? "created" : verb)}");
        }

        return new ApplyResult(lines, warnings);
    }

    private static (bool Created, string Verb) ApplyOne(Simulation sim, ManifestObject manifest, ApplyMode mode, string ns)
    {
        var lastApplied = mode == ApplyMode.Apply ? LastApplied(manifest.Object, ns) : null;
        var exists = Exists(sim, manifest.Object, ns);
        if (exists && mode == ApplyMode.Create)
        {
            throw ApiException.AlreadyExists(PluralName(manifest.Object), manifest.Name);
        }

        switch (manifest.Object)
        {
            case V1Namespace v1:
            {
                var model = KubernetesMapper.ToModel(v1);
                model = model with { Metadata = WithApplied(model.Metadata, null, lastApplied) };
                if (!exists)
                {
                    sim.CreateNamespace(model);
                    return (true, "");
                }

                var old = sim.State.Namespaces[model.Name];
                var stored = sim.UpdateNamespace(model with { Metadata = Merge(old.Metadata, model.Metadata) });
                return (false, stored == old ? "unchanged" : "configured");
            }

            case V1Node v1:
            {
                var model = KubernetesMapper.ToModel(v1);
                model = model with { Metadata = WithApplied(model.Metadata, null, lastApplied) };
                if (!exists)
                {
                    sim.CreateNode(model);
                    return (true, "");
                }

                var old = sim.State.Nodes[model.Name];
                var stored = sim.UpdateNode(old with { Metadata = Merge(old.Metadata, model.Metadata), Spec = model.Spec });
                return (false, stored == old ? "unchanged" : "configured");
            }

            case V1PriorityClass v1:
            {
                var model = KubernetesMapper.ToModel(v1);
                model = model with { Metadata = WithApplied(model.Metadata, null, lastApplied) };
                if (!exists)
                {
                    sim.CreatePriorityClass(model);
                    return (true, "");
                }

                var old = sim.State.PriorityClasses[model.Name];
                var stored = sim.UpdatePriorityClass(model with { Metadata = Merge(old.Metadata, model.Metadata) });
                return (false, stored == old ? "unchanged" : "configured");
            }

            case V1DaemonSet v1:
            {
                var model = KubernetesMapper.ToModel(v1);
                model = model with { Metadata = WithApplied(model.Metadata, ns, lastApplied) };
                if (!exists)
                {
                    sim.CreateDaemonSet(model);
                    return (true, "");
                }

                var old = sim.State.GetDaemonSet(ns, model.Name)!;
                var stored = sim.UpdateDaemonSet(old with { Metadata = Merge(old.Metadata, model.Metadata), Spec = model.Spec });
                return (false, stored == old ? "unchanged" : "configured");
            }

            case V1Pod v1:
            {
                var model = KubernetesMapper.ToModel(v1);
                model = model with { Metadata = WithApplied(model.Metadata, ns, lastApplied) };
                if (!exists)
                {
                    sim.CreatePod(model);
                    return (true, "");
                }

                var old = sim.State.GetPod(ns, model.Name)!;
                var stored = sim.UpdatePod(old with
                {
                    Metadata = Merge(old.Metadata, model.Metadata),
                    Spec = old.Spec with
                    {
                        Containers = old.Spec.Containers.Zip(model.Spec.Containers, (o, n) => o with { Image = n.Image }).ToEquatableArray(),
                        InitContainers = old.Spec.InitContainers.Zip(model.Spec.InitContainers, (o, n) => o with { Image = n.Image }).ToEquatableArray(),
                    },
                });
                return (false, stored == old ? "unchanged" : "configured");
            }

            case V1ControllerRevision:
                throw new ApiException(StatusReason.Forbidden,
                    $"controllerrevisions.apps \"{manifest.Name}\" is forbidden: ControllerRevisions are written by the DaemonSet controller; load existing ones as a snapshot with `sim load`");
            default:
                throw new ApiException(StatusReason.BadRequest, $"kind {manifest.Kind} is not served");
        }
    }

    /// <summary>kubectl apply's merge of metadata: labels and annotations it applied before and no longer lists are removed, others kept.</summary>
    private static ObjectMeta Merge(ObjectMeta current, ObjectMeta desired)
    {
        var previous = current.Annotations.GetValueOrDefault(LastAppliedAnnotation) is { } json ? PreviousMetadata(json) : (Labels: StringMap.Empty, Annotations: StringMap.Empty);
        return current with
        {
            Labels = MergeMap(current.Labels, previous.Labels, desired.Labels),
            Annotations = MergeMap(current.Annotations, previous.Annotations, desired.Annotations),
        };
    }

    private static StringMap MergeMap(StringMap current, StringMap previous, StringMap desired)
    {
        var result = current;
        foreach (var (key, _) in previous)
        {
            if (!desired.ContainsKey(key))
            {
                result = result.Without(key);
            }
        }

        foreach (var (key, value) in desired)
        {
            result = result.With(key, value);
        }

        return result;
    }

    private static (StringMap Labels, StringMap Annotations) PreviousMetadata(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("metadata", out var metadata))
            {
                return (StringMap.Empty, StringMap.Empty);
            }

            return (MapOf(metadata, "labels"), MapOf(metadata, "annotations"));
        }
        catch (JsonException)
        {
            return (StringMap.Empty, StringMap.Empty);
        }
    }

    private static StringMap MapOf(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? StringMap.From(map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)))
            : StringMap.Empty;

    private static ObjectMeta WithApplied(ObjectMeta meta, string? ns, string? lastApplied)
    {
        meta = ns is null ? meta : meta with { Namespace = ns };
        return lastApplied is null ? meta : meta with { Annotations = meta.Annotations.With(LastAppliedAnnotation, lastApplied) };
    }

    /// <summary>The manifest as kubectl records it: compact JSON with sorted keys and the namespace filled in.</summary>
    private static string LastApplied(IKubernetesObject obj, string ns)
    {
        var json = KubectlOutput.ToJson(obj);
        if (json["metadata"] is JsonObject metadata)
        {
            if (IsNamespaced(obj) && metadata["namespace"] is null)
            {
                metadata["namespace"] = ns;
            }

            // kubectl encodes the manifest after making sure it has an annotations map, so even an empty one is recorded.
            if (metadata["annotations"] is JsonObject annotations)
            {
                annotations.Remove(LastAppliedAnnotation);
            }
            else
            {
                metadata["annotations"] = new JsonObject();
            }
        }

        return KubectlOutput.Sort(json)!.ToJsonString() + "\n";
    }

    private static bool Exists(Simulation sim, IKubernetesObject obj, string ns)
    {
        var name = (obj as IKubernetesObject<V1ObjectMeta>)?.Metadata?.Name ?? "";
        return obj switch
        {
            V1Namespace => sim.State.Namespaces.ContainsKey(name),
            V1Node => sim.State.Nodes.ContainsKey(name),
            V1PriorityClass => sim.State.PriorityClasses.ContainsKey(name),
            V1DaemonSet => sim.State.GetDaemonSet(ns, name) is not null,
            V1Pod => sim.State.GetPod(ns, name) is not null,
            V1ControllerRevision => sim.State.ControllerRevisions.ContainsKey(ns + "/" + name),
            _ => false,
        };
    }

    /// <summary>Whether the kind lives in a namespace.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>True for pods, DaemonSets and ControllerRevisions.</returns>
    public static bool IsNamespaced(IKubernetesObject obj) => obj is V1Pod or V1DaemonSet or V1ControllerRevision;

    /// <summary>kubectl's <c>resource.group</c> singular used in output lines, e.g. <c>daemonset.apps</c>.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The name.</returns>
    public static string ResourceName(IKubernetesObject obj) => obj switch
    {
        V1Namespace => "namespace",
        V1Node => "node",
        V1Pod => "pod",
        V1PriorityClass => "priorityclass.scheduling.k8s.io",
        V1DaemonSet => "daemonset.apps",
        V1ControllerRevision => "controllerrevision.apps",
        _ => (obj?.Kind ?? "object").ToLowerInvariant(),
    };

    private static string PluralName(IKubernetesObject obj) => obj switch
    {
        V1Namespace => "namespaces",
        V1Node => "nodes",
        V1Pod => "pods",
        V1PriorityClass => "priorityclasses.scheduling.k8s.io",
        V1DaemonSet => "daemonsets.apps",
        V1ControllerRevision => "controllerrevisions.apps",
        _ => (obj?.Kind ?? "object").ToLowerInvariant() + "s",
    };

    private static Simulation Scratch(Simulation sim, IReadOnlyList<ManifestObject> objects, string defaultNamespace)
    {
        var scratch = new Simulation(sim.Options);
        var names = objects.Select(o => (o.Kind, Namespace: IsNamespaced(o.Object) ? (o.Namespace.Length != 0 ? o.Namespace : defaultNamespace) : "", o.Name)).ToHashSet();
        var state = sim.State;
        scratch.Restore(new ClusterSnapshot
        {
            Namespaces = state.Namespaces.Values.Where(n => !scratch.State.Namespaces.ContainsKey(n.Name)).ToEquatableArray(),
            PriorityClasses = state.PriorityClasses.Values.Where(p => !scratch.State.PriorityClasses.ContainsKey(p.Name)).ToEquatableArray(),
            Nodes = state.Nodes.Values.Where(n => names.Contains(("Node", "", n.Name))).ToEquatableArray(),
            DaemonSets = state.DaemonSets.Values.Where(d => names.Contains(("DaemonSet", d.Namespace, d.Name))).ToEquatableArray(),
            Pods = state.Pods.Values.Where(p => names.Contains(("Pod", p.Namespace, p.Name))).ToEquatableArray(),
        });
        return scratch;
    }
}
