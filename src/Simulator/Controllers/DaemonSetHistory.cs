using System.Collections.Immutable;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>A change to a DaemonSet's ControllerRevisions.</summary>
public abstract record RevisionAction;

/// <summary>Create a revision.</summary>
/// <param name="Revision">The revision.</param>
public sealed record CreateRevision(ControllerRevision Revision) : RevisionAction;

/// <summary>Replace a revision (renumber, adopt, release).</summary>
/// <param name="Revision">The new revision object.</param>
public sealed record UpdateRevision(ControllerRevision Revision) : RevisionAction;

/// <summary>Delete a revision.</summary>
/// <param name="Revision">The revision.</param>
public sealed record DeleteRevision(ControllerRevision Revision) : RevisionAction;

/// <summary>Raise the DaemonSet's <c>status.collisionCount</c> (a revision name was taken by another template).</summary>
/// <param name="CollisionCount">The new count.</param>
public sealed record SetCollisionCount(int CollisionCount) : RevisionAction;

/// <summary>The outcome of reconciling a DaemonSet's history.</summary>
/// <param name="Actions">The changes, in order.</param>
/// <param name="Current">The current revision (as it will be once the actions are applied).</param>
public sealed record HistoryResult(ImmutableArray<RevisionAction> Actions, ControllerRevision Current);

/// <summary>
/// The DaemonSet controller's revision history as pure functions (§14): claim revisions like pods, find or create the current
/// revision (renumbering a reused one to max+1, which is how rollbacks roll forward), and prune old revisions beyond
/// <c>revisionHistoryLimit</c> that no pod still uses.
/// </summary>
public static class DaemonSetHistory
{
    /// <summary>Reconciles history at the start of a sync (<c>constructHistory</c>).</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The changes and the current revision.</returns>
    public static HistoryResult Construct(ClusterState state, DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ds);
        var actions = ImmutableArray.CreateBuilder<RevisionAction>();
        var owned = Claim(state, ds, actions);
        var template = ds.Spec.Template;
        var current = owned.Where(r => r.Data == template).OrderByDescending(r => r.Revision).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var old = owned.Where(r => r.Data != template).ToList();
        var next = (old.Count == 0 ? 0 : old.Max(r => r.Revision)) + 1;

        if (current.Count > 0)
        {
            var keep = current[0];
            foreach (var duplicate in current.Skip(1))
            {
                actions.Add(new DeleteRevision(duplicate));
            }

            if (keep.Revision < next)
            {
                keep = keep with { Revision = next };
                actions.Add(new UpdateRevision(keep));
            }

            return new HistoryResult(actions.ToImmutable(), keep);
        }

        var collisions = ds.Status.CollisionCount ?? 0;
        while (true)
        {
            var hash = TemplateHash.Compute(template, collisions == 0 && ds.Status.CollisionCount is null ? null : collisions);
            var name = ds.Name + "-" + hash;
            var taken = state.ControllerRevisions.GetValueOrDefault(ds.Namespace + "/" + name);
            if (taken is null)
            {
                if (collisions != (ds.Status.CollisionCount ?? 0))
                {
                    actions.Add(new SetCollisionCount(collisions));
                }

                var revision = new ControllerRevision
                {
                    Metadata = new ObjectMeta
                    {
                        Name = name,
                        Namespace = ds.Namespace,
                        Labels = template.Metadata.Labels.With(DaemonSetLabels.ControllerRevisionHash, hash),
                        Annotations = ds.Metadata.Annotations,
                        OwnerReferences = EquatableArray.Create(new OwnerReference("apps/v1", "DaemonSet", ds.Name, ds.Metadata.Uid)),
                    },
                    Data = template,
                    Revision = next,
                };
                actions.Add(new CreateRevision(revision));
                return new HistoryResult(actions.ToImmutable(), revision);
            }

            collisions++;
        }
    }

    /// <summary>
    /// The old revisions to delete at the end of a sync (<c>cleanupHistory</c>): while there are more than
    /// <c>revisionHistoryLimit</c>, the lowest-numbered ones whose hash no pod of the DaemonSet carries (terminal pods included).
    /// </summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="currentHash">The current revision's hash (never deleted).</param>
    /// <returns>The revisions to delete.</returns>
    public static List<ControllerRevision> Prune(ClusterState state, DaemonSet ds, string currentHash)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ds);
        var old = state.RevisionsControlledBy(ds.Metadata.Uid).Where(r => r.Hash != currentHash).OrderBy(r => r.Revision).ToList();
        var limit = ds.Spec.RevisionHistoryLimit ?? 10;
        var toDelete = new List<ControllerRevision>();
        if (old.Count <= limit)
        {
            return toDelete;
        }

        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid))
        {
            if (pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) is { } hash)
            {
                live.Add(hash);
            }
        }

        var excess = old.Count - limit;
        foreach (var revision in old)
        {
            if (excess == 0)
            {
                break;
            }

            if (!live.Contains(revision.Hash))
            {
                toDelete.Add(revision);
                excess--;
            }
        }

        return toDelete;
    }

    /// <summary>
    /// The DaemonSet's history as <c>kubectl rollout history</c> sees it: revisions selected by its selector and controlled by it,
    /// by revision number.
    /// </summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The revisions.</returns>
    public static List<ControllerRevision> Of(ClusterState state, DaemonSet ds) =>
        state.RevisionsControlledBy(ds.Metadata.Uid)
            .Where(r => ds.Spec.Selector is { } s && s.Matches(r.Metadata.Labels))
            .OrderBy(r => r.Revision)
            .ToList();

    /// <summary>Revisions in the namespace the DaemonSet owns (matching), after adopting matching orphans and releasing non-matching ones.</summary>
    private static List<ControllerRevision> Claim(ClusterState state, DaemonSet ds, ImmutableArray<RevisionAction>.Builder actions)
    {
        var owned = new List<ControllerRevision>();
        var selector = ds.Spec.Selector;
        var prefix = ds.Namespace + "/";
        foreach (var (key, revision) in state.ControllerRevisions)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var matches = selector is { IsEmpty: false } && selector.Matches(revision.Metadata.Labels);
            var owner = revision.Metadata.ControllerRef;
            if (owner is null)
            {
                if (matches && ds.Metadata.DeletionTimestamp is null)
                {
                    var adopted = revision with
                    {
                        Metadata = revision.Metadata with
                        {
                            OwnerReferences = revision.Metadata.OwnerReferences.Add(new OwnerReference("apps/v1", "DaemonSet", ds.Name, ds.Metadata.Uid)),
                        },
                    };
                    actions.Add(new UpdateRevision(adopted));
                    owned.Add(adopted);
                }
            }
            else if (owner.Uid == ds.Metadata.Uid)
            {
                if (matches)
                {
                    owned.Add(revision);
                }
                else
                {
                    actions.Add(new UpdateRevision(revision with
                    {
                        Metadata = revision.Metadata with { OwnerReferences = revision.Metadata.OwnerReferences.Where(o => o.Uid != ds.Metadata.Uid).ToEquatableArray() },
                    }));
                }
            }
        }

        return owned;
    }
}
