using MlNetNeural.Benchmarks.Configuration;

namespace MlNetNeural.Benchmarks.Tests;

public class EnvironmentJobTests
{
    [Fact]
    public void PairsAreSplitAtTheFirstEqualsSignAndABadPairIsNamed()
    {
        var pairs = EnvironmentJob.Parse(" DOTNET_TieredPGO=0 ; OPTIONS=a=b;");

        Assert.Equal(["DOTNET_TieredPGO", "OPTIONS"], pairs.Select(p => p.Key));
        Assert.Equal(["0", "a=b"], pairs.Select(p => p.Value));
        var error = Assert.Throws<ArgumentException>(() => EnvironmentJob.Parse("DOTNET_TieredPGO"));
        Assert.Contains("'DOTNET_TieredPGO'", error.Message);
        Assert.Throws<ArgumentException>(() => EnvironmentJob.Parse("=1"));
    }
}
