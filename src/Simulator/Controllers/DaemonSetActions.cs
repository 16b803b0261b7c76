using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>Something the DaemonSet controller decided to do. The reconcile functions return these; the simulation carries them out.</summary>
public abstract record DaemonSetAction;

/// <summary>Create a daemon pod for a node (from the current template, pinned to the node by node affinity).</summary>
/// <param name="NodeName">The node.</param>
public sealed record CreateDaemonPod(string NodeName) : DaemonSetAction;

/// <summary>Delete a daemon pod (gracefully).</summary>
/// <param name="Pod">The pod.</param>
public sealed record DeleteDaemonPod(Pod Pod) : DaemonSetAction;

/// <summary>Adopt an orphan pod whose labels match the selector (add the controller reference).</summary>
/// <param name="Pod">The pod.</param>
public sealed record AdoptPod(Pod Pod) : DaemonSetAction;

/// <summary>Release a controlled pod whose labels no longer match the selector (remove the controller reference).</summary>
/// <param name="Pod">The pod.</param>
public sealed record ReleasePod(Pod Pod) : DaemonSetAction;

/// <summary>Record an event on the DaemonSet.</summary>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">The reason.</param>
/// <param name="Message">The message.</param>
public sealed record RecordEvent(string Type, string Reason, string Message) : DaemonSetAction;

/// <summary>Step the failed-pod back-off for a node (the controller is about to delete a failed pod there).</summary>
/// <param name="NodeName">The node.</param>
public sealed record AdvanceFailedPodBackoff(string NodeName) : DaemonSetAction;

/// <summary>Look at a node again after a delay (failed-pod back-off or minReadySeconds).</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Delay">The delay.</param>
public sealed record RequeueNode(string NodeName, TimeSpan Delay) : DaemonSetAction;
