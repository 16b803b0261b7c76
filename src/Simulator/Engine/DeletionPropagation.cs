namespace Simulator.Engine;

/// <summary>How deleting an owner treats its dependents (<c>propagationPolicy</c>; kubectl <c>--cascade</c>).</summary>
public enum DeletionPropagation
{
    /// <summary>The owner goes at once; the garbage collector then deletes the dependents (the default for apps/v1).</summary>
    Background,

    /// <summary>The owner stays, marked for deletion, until every dependent is gone.</summary>
    Foreground,

    /// <summary>The owner goes; dependents stay, with the owner reference removed.</summary>
    Orphan,
}
