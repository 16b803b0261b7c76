using System.Text;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Admission;

/// <summary>
/// Pod Security admission's policy evaluation (k8s.io/pod-security-admission): which checks a pod spec fails at a level,
/// and the messages the API server returns for them.
/// </summary>
/// <remarks>
/// <para>
/// Checks run in Kubernetes' order: baseline checks by ID (ordinal), then restricted checks by ID. At restricted, a restricted
/// check replaces the baseline check it supersedes (restricted volume types replaces hostPath volumes, unrestricted capabilities
/// replaces non-default capabilities, the restricted seccompProfile check replaces the baseline one), so the reason is reported once.
/// Containers are visited init containers first, then containers, each in spec order.
/// </para>
/// <para>
/// Not modelled, so never reported: AppArmor, SELinux options, procMount, sysctls, Windows hostProcess, probe and lifecycle
/// <c>host</c> fields, gitRepo volumes, ephemeral containers, the pre-1.19 seccomp annotations, the Windows (<c>spec.os</c>)
/// exemptions and the user-namespace relaxation.
/// </para>
/// </remarks>
public static class PodSecurity
{
    /// <summary>The reason Kubernetes prints for a violation that has none.</summary>
    public const string UnknownForbiddenReason = "unknown forbidden reason";

    /// <summary>Evaluates a pod spec against the latest version of a level.</summary>
    /// <param name="level">The level; <see cref="PodSecurityLevel.Privileged"/> runs no checks.</param>
    /// <param name="spec">The pod spec (of a pod or of a controller's template).</param>
    /// <returns>One violation per failed check, in Kubernetes' check order; empty when the pod is allowed.</returns>
    public static IReadOnlyList<PodSecurityViolation> Check(PodSecurityLevel level, PodSpec spec) =>
        Evaluate(level, int.MaxValue, spec);

    /// <summary>Evaluates a pod spec against a level at a policy version (a check applies from the version that introduced it).</summary>
    /// <param name="mode">The level and version; the version must be <c>latest</c> or <c>v1.N</c>.</param>
    /// <param name="spec">The pod spec.</param>
    /// <returns>One violation per failed check, in Kubernetes' check order; empty when the pod is allowed.</returns>
    /// <exception cref="ArgumentException">The version is not <c>latest</c> or <c>v1.N</c>.</exception>
    /// <remarks>
    /// For example restricted:v1.21 predates "unrestricted capabilities" and so still reports "non-default capabilities",
    /// and runAsUser=0 is forbidden from v1.23. Versions newer than the newest check behave as latest.
    /// </remarks>
    public static IReadOnlyList<PodSecurityViolation> Check(PodSecurityMode mode, PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (!PodSecurityLabels.TryParseVersion(mode.Version, out var minor))
        {
            throw new ArgumentException($"Pod Security version \"{mode.Version}\" must be \"latest\" or \"v1.x\".", nameof(mode));
        }

        return Evaluate(mode.Level, minor, spec);
    }

    private static PodSecurityViolation[] Evaluate(PodSecurityLevel level, int minor, PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. PodSecurityChecks.For(level, minor).Select(c => c.Evaluate(spec)).OfType<PodSecurityViolation>()];
    }

    /// <summary>
    /// Renders violations as Kubernetes does after the policy name: <c>"baseline:latest": host namespaces (hostNetwork=true), hostPath volumes (volume "varlog")</c>.
    /// </summary>
    /// <param name="mode">The mode that was violated.</param>
    /// <param name="violations">The violations, in check order.</param>
    /// <returns>The quoted mode, a colon, and each reason with its detail in parentheses (omitted when empty), joined by <c>", "</c>.</returns>
    /// <exception cref="ArgumentException">There are no violations.</exception>
    public static string Describe(PodSecurityMode mode, IReadOnlyList<PodSecurityViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("An allowed pod has nothing to describe.", nameof(violations));
        }

        var text = new StringBuilder(GoSyntax.Quote(mode.ToString())).Append(": ");
        for (var i = 0; i < violations.Count; i++)
        {
            if (i != 0)
            {
                text.Append(", ");
            }

            var violation = violations[i];
            text.Append(violation.Reason.Length == 0 ? UnknownForbiddenReason : violation.Reason);
            if (violation.Detail.Length != 0)
            {
                text.Append(" (").Append(violation.Detail).Append(')');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The error the API server returns when enforce rejects a pod:
    /// <c>pods "fluentd-abcde" is forbidden: violates PodSecurity "baseline:latest": hostPath volumes (volume "varlog")</c>.
    /// </summary>
    /// <param name="podName">The pod's name.</param>
    /// <param name="mode">The enforce mode.</param>
    /// <param name="violations">The violations.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">There are no violations.</exception>
    public static string ForbiddenMessage(string podName, PodSecurityMode mode, IReadOnlyList<PodSecurityViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(podName);
        return "pods " + GoSyntax.Quote(podName) + " is forbidden: violates PodSecurity " + Describe(mode, violations);
    }

    /// <summary>
    /// The warning returned for the warn mode (and the audit-violations annotation for the audit mode):
    /// <c>would violate PodSecurity "restricted:latest": ...</c>.
    /// </summary>
    /// <param name="mode">The warn or audit mode.</param>
    /// <param name="violations">The violations.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">There are no violations.</exception>
    public static string WarningMessage(PodSecurityMode mode, IReadOnlyList<PodSecurityViolation> violations) =>
        "would violate PodSecurity " + Describe(mode, violations);
}
