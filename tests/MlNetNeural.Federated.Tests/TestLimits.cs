namespace MlNetNeural.Federated.Tests;

/// <summary>
/// Time limits that turn a hang into a failing test. Every test that runs silos carries
/// <c>[Fact(Timeout = TestLimits.Federation)]</c> (xunit enforces it for async tests); the silos' own start and stop
/// are bounded by <c>LocalFederation</c>, and federated.runsettings has the test host killed, naming the test, after
/// five minutes without a test finishing (a hang outside any test's timeout, in a fixture, say).
/// </summary>
internal static class TestLimits
{
    /// <summary>3 minutes: each federated test takes 3-15 s alone and under 60 s while the whole solution's tests run.</summary>
    public const int Federation = 180_000;
}
