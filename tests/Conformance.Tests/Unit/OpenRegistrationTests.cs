using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>Complement's way of making users, where the server does not play along: no admin can be made
/// without the shared-secret endpoint (a skip, with the answer that showed it), and a refused open
/// registration is a provisioning failure (the preflight turns it into exit code 3).</summary>
public sealed class OpenRegistrationTests
{
    private const string AdminPath = "/_synapse/admin/v1/register";

    [Fact]
    public async Task Without_the_admin_endpoint_admins_are_a_skip_with_the_answer()
    {
        await using var server = FakeServer.Garbage();
        var secrets = new SecretRegistry();
        using var client = new MatrixClient(server.Url, new Redactor(secrets), TimeSpan.FromSeconds(5));
        var admins = new SharedSecretRegistrar(client, "complement", AdminPath, "conformance", "run1", secrets);
        var provisioner = new OpenRegistration(client, admins, AdminPath, "conformance", "run1", secrets);

        var e = await Assert.ThrowsAsync<AccountUnavailableException>(() => provisioner.AccountAsync("admin", admin: true, TestContext.Current.CancellationToken));
        Assert.Equal(Verdict.Skip, e.Why.Verdict);
        Assert.StartsWith($"GET {AdminPath} returned 200", e.Detection);

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.AccountAsync("subject", admin: false, TestContext.Current.CancellationToken));
        Assert.IsNotType<AccountUnavailableException>(refused);
        Assert.Contains("by open registration failed: POST /_matrix/client/v3/register with m.login.dummy returned", refused.Message);
    }

    [Fact]
    public async Task Without_a_secret_no_admin_is_made_and_the_profile_is_named()
    {
        await using var server = FakeServer.Garbage();
        var secrets = new SecretRegistry();
        using var client = new MatrixClient(server.Url, new Redactor(secrets), TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<AccountUnavailableException>(() =>
            new OpenRegistration(client, null, AdminPath, "conformance", "run1", secrets).AccountAsync("admin", admin: true, TestContext.Current.CancellationToken));
        Assert.Equal("profile: users.shared_secret is not set", e.Detection);
    }
}
