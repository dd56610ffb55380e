using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// The credentials in effect for a run: the profile's, completed with what the target made for it (the
/// reference server's fresh registration secret, the appservice token of a registration a Complement
/// target installed). Carried beside the profile, which stays as loaded.
/// </summary>
public sealed record RunCredentials(string? SharedSecret, string? AppserviceToken = null)
{
    public static RunCredentials Of(TargetProfile profile, ITarget target) =>
        new(target.SharedSecret ?? profile.Users.SharedSecret, target.AppserviceToken ?? profile.Appservice?.Token);
}
