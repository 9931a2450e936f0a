// Entry point of the benchmark suite. Commands (run from the repository root):
//
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*'
//       every benchmark: one-epoch training of workload W (TorchSharp vs MlNetNeural, glibc malloc as
//       shipped and with trimming off) and the hidden layer's matrix products with GFLOP/s.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*FreezingBenchmarks*' '*SparseKernelBenchmarks*'
//       fine-tuning and pruning: an epoch with frozen layers or LoRA against full training; the sparse against the dense kernel.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*ActivationBenchmarks*'
//       GELU's forward pass and derivative against libtorch's GELU and our ReLU (one mini-batch of a hidden layer).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*TabularFitBenchmarks*'
//       the default Mlp fitted on two tables of the quality suite against LightGbm (set MLNN_COMPARE_SRC for before/after,
//       MLNN_JOB_ENV="DOTNET_TieredPGO=0" for a job with runtime settings).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*ImageFitBenchmarks*'
//       three epochs of the Fashion-MNIST recipe's network, ReLU against GELU (set MLNN_COMPARE_SRC for before/after).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*TabularScoringBenchmarks*'
//       the default Mlp's PredictionEngine and Transform on spam against LightGbm's (set MLNN_COMPARE_SRC for before/after).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*' --strategy ColdStart --iterationCount 1 --warmupCount 0
//       quick smoke run: these options shorten the configured jobs. (--job Dry alone would ADD a job with
//       BenchmarkDotNet's default toolchain, whose child project does not import the TorchSharp patch.)
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- accuracy-torch [epochs] [batch]
//       not a benchmark: 10 (or [epochs]) epochs of the TorchSharp peer (batch 128 or [batch]), test accuracy after each.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- accuracy-ours [epochs] [batch]
//       not a benchmark: the same for MlNetNeural (default 10 epochs, batch 128 like accuracy-torch).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- epoch-time [batch] [threads] [epochs]
//       not a benchmark: epochs of workload W (default batch 32, 2 threads, 5 epochs): wall time, CPU time, cores used.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- step-profile [batch]
//       not a benchmark: microseconds per step of each phase of a workload-W step on one thread (default batch 32).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- accuracy-tabular
//       not a benchmark: test accuracy and fit time of the pipelines in PipelineFitBenchmarks.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- quality-tabular [--tables a,b] [--repeats N] [--normalizers a,b] [--models a,b] [--quick] [--out FILE.md]
//       not a benchmark: Mlp, LightGbm, FastTree and a linear trainer with default options on 14 real tables,
//       under four normalizer choices, over repeated stratified splits (docs/benchmarks.md, "Quality on tabular data").
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- fashion-mlp [--mlp-set "Name=Value;..."]
//       not a benchmark: the multiclass Mlp through ML.NET on Fashion-MNIST, defaults except the options set: test accuracy and fit time.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- host-check
//       not a benchmark: each core's multiply-add peak and the cache-line round trip between two cores, the host facts
//       that decide the epoch times (run it before comparing speed numbers with another day's).
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- check-torch
//       loads libtorch through the patched shim and runs one tensor operation.
//
// Needs Fashion-MNIST: sudo apt-get install -y dataset-fashion-mnist. See docs/benchmarks.md.
using BenchmarkDotNet.Running;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Torch;
using MlNetNeural.Benchmarks.Workloads;

switch (args.FirstOrDefault())
{
    case "accuracy-torch":
        TorchAccuracy.Run(Console.Out, args.Length > 1 ? ParseEpochs(args[1]) : WorkloadW.AccuracyEpochs,
            args.Length > 2 ? ParseEpochs(args[2]) : TorchAccuracy.BatchSize);
        break;
    case "accuracy-ours":
        MlNetNeural.Benchmarks.Ours.OurWorkloadW.RunAccuracy(Console.Out, args.Length > 1 ? ParseEpochs(args[1]) : WorkloadW.AccuracyEpochs,
            args.Length > 2 ? ParseEpochs(args[2]) : MlNetNeural.Benchmarks.Torch.TorchAccuracy.BatchSize);
        break;
    case "epoch-time":
        MlNetNeural.Benchmarks.Ours.EpochTiming.Run(Console.Out, args.Length > 1 ? ParseEpochs(args[1]) : 32,
            args.Length > 2 ? ParseEpochs(args[2]) : WorkloadW.Threads, args.Length > 3 ? ParseEpochs(args[3]) : 5);
        break;
    case "step-profile":
        MlNetNeural.Benchmarks.Ours.StepProfile.Run(Console.Out, args.Length > 1 ? ParseEpochs(args[1]) : 32);
        break;
    case "accuracy-tabular":
        MlNetNeural.Benchmarks.Tabular.TabularAccuracy.Run(Console.Out);
        break;
    case "quality-tabular":
        try
        {
            MlNetNeural.Benchmarks.Quality.QualityBenchmark.Run(args[1..], Console.Out);
        }
        catch (Exception e) when (e is ArgumentException or MlNetNeural.Tabular.TabularDataException or FileNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        break;
    case "fashion-mlp":
        MlNetNeural.Benchmarks.Recipes.FashionRecipe.Run(args[1..], Console.Out);
        break;
    case "host-check":
        MlNetNeural.Benchmarks.Host.HostCheck.Run(Console.Out);
        break;
    case "check-torch":
        Console.WriteLine(TorchCheck.Run());
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
        break;
}
return 0;

static int ParseEpochs(string text) => int.TryParse(text, out int value) && value > 0
    ? value
    : throw new ArgumentException($"The accuracy modes take positive whole numbers (epochs, then batch size); got '{text}'.");
