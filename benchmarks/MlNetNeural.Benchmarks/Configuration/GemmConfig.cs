using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MlNetNeural.Benchmarks.MatrixProducts;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Matrix products write into preallocated outputs, so the allocator setting does not matter: one job, plus GFLOP/s, and
/// the same job built against another checkout when <see cref="OtherCheckout.Variable"/> names one (before/after in one run).
/// </summary>
public sealed class GemmConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public GemmConfig()
    {
        var job = BenchmarkJobs.AsShipped().WithWarmupCount(3).WithIterationCount(10);
        AddJob(job);
        AddColumn(new GflopsColumn());
        OtherCheckout.AddJobIfRequested(this, job);
    }
}
