using Simulator.Admission;
using Simulator.Model;

namespace Simulator.Tests.Admission;

/// <summary>Pod specs for Pod Security tests: a plain (baseline-clean) spec and a restricted-clean spec to mutate.</summary>
internal static class PodSecurityFixtures
{
    public static readonly SecurityContext RestrictedContext = new()
    {
        AllowPrivilegeEscalation = false,
        RunAsNonRoot = true,
        Capabilities = new Capabilities { Drop = EquatableArray.Create("ALL") },
        SeccompProfile = new SeccompProfile("RuntimeDefault"),
    };

    public static Container Plain(string name = "app", SecurityContext? context = null) =>
        new() { Name = name, Image = "busybox:1.36", SecurityContext = context };

    public static Container Hardened(string name = "app", Func<SecurityContext, SecurityContext>? change = null) =>
        Plain(name, change is null ? RestrictedContext : change(RestrictedContext));

    public static PodSpec Spec(params Container[] containers) => new() { Containers = EquatableArray.Create(containers) };

    public static PodSpec WithInit(this PodSpec spec, params Container[] init) => spec with { InitContainers = EquatableArray.Create(init) };

    public static PodSpec WithVolumes(this PodSpec spec, params Volume[] volumes) => spec with { Volumes = EquatableArray.Create(volumes) };

    public static PodSpec WithPodContext(this PodSpec spec, PodSecurityContext context) => spec with { SecurityContext = context };

    public static Capabilities Caps(string[] add, string[] drop) => new() { Add = EquatableArray.Create(add), Drop = EquatableArray.Create(drop) };

    public static PodSecurityViolation[] Expect(string reason, string? detail) => detail is null ? [] : [new PodSecurityViolation(reason, detail)];
}
