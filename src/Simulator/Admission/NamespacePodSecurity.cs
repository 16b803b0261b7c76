using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Admission;

/// <summary>The effective Pod Security configuration of a namespace: one mode each for enforce, audit and warn.</summary>
/// <param name="Enforce">Violations reject the pod.</param>
/// <param name="Audit">Violations are recorded in the audit log.</param>
/// <param name="Warn">Violations are returned to the client as warnings.</param>
public sealed record NamespacePodSecurity(PodSecurityMode Enforce, PodSecurityMode Audit, PodSecurityMode Warn)
{
    private const string LevelError = "must be one of privileged, baseline, restricted";
    private const string VersionError = "must be \"latest\" or \"v1.x\"";

    /// <summary>The configuration of a namespace without Pod Security labels: privileged:latest for every mode.</summary>
    public static NamespacePodSecurity Default { get; } =
        new(PodSecurityMode.PrivilegedLatest, PodSecurityMode.PrivilegedLatest, PodSecurityMode.PrivilegedLatest);

    /// <summary>Reads the <c>pod-security.kubernetes.io/*</c> labels of a namespace.</summary>
    /// <param name="namespaceLabels">The namespace's labels.</param>
    /// <returns>The configuration; absent labels mean privileged and latest.</returns>
    /// <remarks>
    /// Invalid values are handled as Kubernetes' <c>PolicyToEvaluate</c> does: an invalid enforce level fails closed
    /// (restricted), invalid audit and warn levels fail open (privileged), and an invalid version means latest.
    /// The invalid text is replaced by the fallback, so <see cref="PodSecurityMode.Version"/> is always valid.
    /// </remarks>
    public static NamespacePodSecurity FromLabels(StringMap namespaceLabels) => FromLabels(namespaceLabels, out _);

    /// <summary>Reads the <c>pod-security.kubernetes.io/*</c> labels of a namespace and reports invalid values.</summary>
    /// <param name="namespaceLabels">The namespace's labels.</param>
    /// <param name="errors">
    /// One error per invalid label, in the order enforce, enforce-version, audit, audit-version, warn, warn-version, worded as the
    /// API server words them, e.g. <c>metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted</c>.
    /// Kubernetes rejects a namespace create (or a label change) that has any.
    /// </param>
    /// <returns>The configuration, with the fallbacks of <see cref="FromLabels(StringMap)"/>.</returns>
    public static NamespacePodSecurity FromLabels(StringMap namespaceLabels, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        var enforce = ReadMode(namespaceLabels, PodSecurityLabels.Enforce, PodSecurityLabels.EnforceVersion, PodSecurityLevel.Restricted, found);
        var audit = ReadMode(namespaceLabels, PodSecurityLabels.Audit, PodSecurityLabels.AuditVersion, PodSecurityLevel.Privileged, found);
        var warn = ReadMode(namespaceLabels, PodSecurityLabels.Warn, PodSecurityLabels.WarnVersion, PodSecurityLevel.Privileged, found);
        errors = found;
        return new NamespacePodSecurity(enforce, audit, warn);
    }

    private static PodSecurityMode ReadMode(StringMap labels, string levelKey, string versionKey, PodSecurityLevel invalidLevel, List<FieldError> errors)
    {
        var level = PodSecurityLevel.Privileged;
        if (labels.TryGetValue(levelKey, out var levelText))
        {
            if (!PodSecurityLabels.TryParseLevel(levelText, out level))
            {
                level = invalidLevel;
                errors.Add(FieldError.Invalid(LabelPath(levelKey), GoSyntax.Quote(levelText), LevelError));
            }
        }

        var version = PodSecurityMode.LatestVersion;
        if (labels.TryGetValue(versionKey, out var versionText))
        {
            if (PodSecurityLabels.TryParseVersion(versionText, out _))
            {
                version = versionText;
            }
            else
            {
                errors.Add(FieldError.Invalid(LabelPath(versionKey), GoSyntax.Quote(versionText), VersionError));
            }
        }

        return new PodSecurityMode(level, version);
    }

    private static string LabelPath(string key) => "metadata.labels[" + key + "]";
}
