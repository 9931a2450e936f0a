using BenchmarkDotNet.Configs;
using MlNetNeural.Benchmarks.Configuration;

namespace MlNetNeural.Benchmarks.Tests;

/// <summary>The workload-W epochs' configuration: two process setups, and the build against another checkout when asked.</summary>
public class EpochConfigTests
{
    [Fact]
    public void AnotherCheckoutAddsItsJobOnlyWhenNamed()
    {
        string? before = Environment.GetEnvironmentVariable(OtherCheckout.Variable);
        try
        {
            Environment.SetEnvironmentVariable(OtherCheckout.Variable, null);
            Assert.Equal([BenchmarkJobs.AsShippedId, BenchmarkJobs.MallocKeepId], JobIds(new EpochConfig()));

            string source = Path.GetDirectoryName(Path.GetDirectoryName(RepositoryFiles.Find("src/MlNetNeural/MlNetNeural.csproj")))!;
            Environment.SetEnvironmentVariable(OtherCheckout.Variable, source);
            Assert.Equal([BenchmarkJobs.AsShippedId, BenchmarkJobs.MallocKeepId, OtherCheckout.JobId], JobIds(new EpochConfig()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OtherCheckout.Variable, before);
        }
    }

    private static string[] JobIds(ManualConfig config) => config.GetJobs().Select(job => job.Id).Order(StringComparer.Ordinal).ToArray();
}
