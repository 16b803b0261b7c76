using Simulator.Engine;

namespace Simulator.Model;

/// <summary>A reference from an object to its owner (<c>metadata.ownerReferences[]</c>).</summary>
/// <param name="ApiVersion">The owner's API version, e.g. <c>apps/v1</c>.</param>
/// <param name="Kind">The owner's kind, e.g. <c>DaemonSet</c>.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Uid">The owner's uid.</param>
/// <param name="Controller">Whether the owner is the managing controller.</param>
/// <param name="BlockOwnerDeletion">Whether foreground deletion of the owner waits for this object.</param>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller = true, bool BlockOwnerDeletion = true);

/// <summary>Object metadata, as in Kubernetes' <c>metadata</c> block.</summary>
/// <remarks>
/// <see cref="Namespace"/> is empty for cluster-scoped objects (nodes, namespaces, priority classes).
/// Times come from the simulation clock.
/// </remarks>
public sealed record ObjectMeta
{
    private readonly string _name = "";
    private readonly string _namespace = "";
    private readonly EquatableArray<OwnerReference> _ownerReferences;

    /// <summary>The object's name.</summary>
    public string Name
    {
        get => _name;
        init
        {
            _name = value;
            Key = KeyOf(_namespace, value);
        }
    }

    /// <summary>The namespace; empty for cluster-scoped objects.</summary>
    public string Namespace
    {
        get => _namespace;
        init
        {
            _namespace = value;
            Key = KeyOf(value, _name);
        }
    }

    /// <summary>The prefix the API server used to generate <see cref="Name"/>, if any.</summary>
    public string GenerateName { get; init; } = "";

    /// <summary>The unique id assigned on creation.</summary>
    public string Uid { get; init; } = "";

    /// <summary>Labels.</summary>
    public StringMap Labels { get; init; }

    /// <summary>Annotations.</summary>
    public StringMap Annotations { get; init; }

    /// <summary>Owners of this object.</summary>
    public EquatableArray<OwnerReference> OwnerReferences
    {
        get => _ownerReferences;
        init
        {
            _ownerReferences = value;
            ControllerRef = ControllerOf(value);
        }
    }

    /// <summary>When the object was created.</summary>
    public SimTime CreationTimestamp { get; init; }

    /// <summary>When graceful deletion was requested; null while the object is not being deleted.</summary>
    public SimTime? DeletionTimestamp { get; init; }

    /// <summary>The grace period of a pending deletion, in seconds.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>The spec generation (1 on create; bumped by spec changes). Zero for kinds without one.</summary>
    public long Generation { get; init; }

    /// <summary>A counter bumped on every write of the object, like <c>resourceVersion</c>.</summary>
    public long ResourceVersion { get; init; }

    // Key and ControllerRef are read on every index update and controller pass, so they are derived once, when the fields
    // they come from are set (a `with` that changes those fields derives them again), and equal whenever their sources are.

    /// <summary>The managing controller's reference, if any (the owner reference with <c>controller: true</c>).</summary>
    public OwnerReference? ControllerRef { get; private init; }

    /// <summary>The <c>namespace/name</c> key (just the name for cluster-scoped objects).</summary>
    public string Key { get; private init; } = "";

    private static string KeyOf(string ns, string name) => ns.Length == 0 ? name : ns + "/" + name;

    private static OwnerReference? ControllerOf(EquatableArray<OwnerReference> owners)
    {
        foreach (var owner in owners)
        {
            if (owner.Controller)
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>Creates metadata with a name and optional namespace.</summary>
    /// <param name="name">The name.</param>
    /// <param name="ns">The namespace.</param>
    /// <returns>The metadata.</returns>
    public static ObjectMeta Named(string name, string ns = "") => new() { Name = name, Namespace = ns };
}
