// Entry point of the benchmark suite. Commands (run from the repository root):
//
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*'
//       every benchmark: one-epoch training of workload W (TorchSharp vs MlNetNeural, glibc malloc as
//       shipped and with trimming off) and the hidden layer's matrix products with GFLOP/s.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- --filter '*Gemm*' --job Dry
//       any BenchmarkDotNet option works; --job Dry is a quick smoke run.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- accuracy-torch
//       not a benchmark: 10 epochs of the TorchSharp peer, test accuracy after each.
//   dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks -- check-torch
//       loads libtorch through the patched shim and runs one tensor operation.
//
// Needs Fashion-MNIST: sudo apt-get install -y dataset-fashion-mnist. See docs/benchmarks.md.
using BenchmarkDotNet.Running;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Torch;

switch (args.FirstOrDefault())
{
    case "accuracy-torch":
        TorchAccuracy.Run(Console.Out);
        break;
    case "check-torch":
        Console.WriteLine(TorchCheck.Run());
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
        break;
}
