using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets.Complement;

namespace Conformance.Targets;

/// <summary>Starts or reaches the profile's target: the one place a <see cref="TargetKind"/> becomes a
/// module. The runner and a suite run on its own both come here.</summary>
public static class TargetFactory
{
    public static async Task<ITarget> StartAsync(TargetProfile profile, TargetStartOptions options, CancellationToken ct = default) =>
        TargetKinds.Of(profile) switch
        {
            TargetKind.Embedded => await ReferenceTarget.StartAsync(profile.Target.Defects, profile.Users.SharedSecret, profile.Appservice?.Token, ct),
            TargetKind.Container => await ContainerTarget.StartAsync(profile, options, ct),
            TargetKind.Complement => await ComplementTarget.StartAsync(profile, options, ct),
            TargetKind.Url => new UrlTarget(profile.Target.Url ?? throw new ProfileException($"Profile '{profile.Name}': target.url is missing.")),
            var other => throw new ArgumentOutOfRangeException(nameof(profile), other, "no module for this target kind"),
        };
}
