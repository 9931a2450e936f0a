using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>Settings shared by every benchmark class; the classes add their own jobs through [Config].</summary>
public static class BenchmarkConfig
{
    /// <summary>Memory diagnoser on, a column recording the thread budget every library got, GitHub-Markdown tables for docs/benchmarks.md.</summary>
    public static IConfig Create() => ManualConfig.CreateMinimumViable()
        .AddExporter(MarkdownExporter.GitHub)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new TagColumn("Threads", _ => WorkloadW.Threads.ToString()))
        .AddColumn(RankColumn.Arabic);
}
