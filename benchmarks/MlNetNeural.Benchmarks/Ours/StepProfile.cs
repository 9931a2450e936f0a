using System.Diagnostics;
using System.Globalization;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>
/// Not a benchmark: where one training step of workload W spends its time on one thread, phase by phase, through the
/// public core API (each layer's forward and backward pass, the loss, Adam's step), over one epoch of mini-batches in the
/// workload's order (the second of two epochs: the first warms the JIT up). The trainer itself runs the same phases, except that it fuses the update with the gradient adjustments
/// and, on two threads, splits the products, element-wise passes and update (docs/core.md).
/// </summary>
public static class StepProfile
{
    /// <summary>Profiles one epoch at <paramref name="batchSize"/> and prints microseconds per step for each phase.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="batchSize">Rows per mini-batch.</param>
    public static void Run(TextWriter output, int batchSize)
    {
        var train = FashionMnist.Load().Train;
        var network = OurWorkloadW.NewNetwork();
        var loss = new SoftmaxCrossEntropyLoss(WorkloadW.Classes);
        var optimizer = new AdamOptimizer();
        var layers = network.Layers;
        var buffers = layers.Select(layer => layer.CreateBuffers(batchSize)).ToArray();
        var gradients = layers.Select(layer => new float[batchSize * layer.InputSize]).ToArray();
        var outputGradient = new float[batchSize * network.OutputSize];
        var features = new float[batchSize * WorkloadW.Inputs];
        var targets = new float[batchSize];
        var mode = new ForwardMode(true, new DeterministicRandom(WorkloadW.Seed), 1);
        var names = layers.Select((layer, i) => $"forward {i}: {layer.Description}")
            .Append("loss").Concat(layers.Select((layer, i) => $"backward {i}: {layer.Description}").Reverse()).Append("Adam step").ToArray();
        var ticks = new long[names.Length];
        int steps = train.Count / batchSize;
        output.WriteLine($"workload W step profile: batch {batchSize}, 1 thread, {steps} steps after a warm-up epoch; load average {EpochTiming.LoadAverage()}");
        // The first epoch runs the JIT's first-tier code for part of its length (the kernels' callers, the packing loops):
        // it is run and thrown away, and the second is timed. In a process confined to one processor (taskset) the runtime
        // delays tier-up ten times longer and some of the step stays on first-tier code for three or four epochs;
        // DOTNET_TC_DelaySingleProcMultiplier=1 restores the usual delay (docs/benchmarks.md, "Training step, per-core pass").
        for (int epoch = 0; epoch < 2; epoch++)
        {
            Array.Clear(ticks);
            int[] order = WorkloadW.ShuffledOrder(train.Count, epoch);
            for (int step = 0; step < steps; step++)
            {
                for (int row = 0; row < batchSize; row++)
                {
                    int index = order[step * batchSize + row];
                    train.Images.AsSpan(index * WorkloadW.Inputs, WorkloadW.Inputs).CopyTo(features.AsSpan(row * WorkloadW.Inputs));
                    targets[row] = train.Labels[index];
                }
                int phase = 0;
                long start = Stopwatch.GetTimestamp();
                ReadOnlySpan<float> input = features;
                for (int i = 0; i < layers.Count; i++)
                {
                    layers[i].Forward(input, buffers[i], batchSize, mode);
                    input = buffers[i].Output;
                    start = Lap(ticks, phase++, start);
                }
                loss.Compute(buffers[^1].Output, targets, default, batchSize, outputGradient);
                start = Lap(ticks, phase++, start);
                Span<float> gradient = outputGradient;
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    ReadOnlySpan<float> layerInput = i == 0 ? features : buffers[i - 1].Output;
                    layers[i].Backward(layerInput, buffers[i], gradient, i == 0 ? default : gradients[i], batchSize, 1);
                    gradient = gradients[i];
                    start = Lap(ticks, phase++, start);
                }
                optimizer.Step(network.Parameters, (float)WorkloadW.LearningRate);
                Lap(ticks, phase, start);
            }
        }
        double total = ticks.Sum();
        for (int i = 0; i < names.Length; i++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[i],-45} {ticks[i] * 1e6 / Stopwatch.Frequency / steps,8:F1} us  {ticks[i] / total,6:P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"step",-45} {total * 1e6 / Stopwatch.Frequency / steps,8:F1} us; load average {EpochTiming.LoadAverage()}"));
    }

    private static long Lap(long[] ticks, int phase, long start)
    {
        long now = Stopwatch.GetTimestamp();
        ticks[phase] += now - start;
        return now;
    }
}
