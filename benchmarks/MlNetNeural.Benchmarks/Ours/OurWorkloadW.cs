using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>Workload W on MlNetNeural's core trainer: the same recipe as <see cref="Torch.TorchMlp"/>.</summary>
public static class OurWorkloadW
{
    /// <summary>The network shape of workload W.</summary>
    public static NetworkArchitecture Architecture { get; } =
        new(WorkloadW.Inputs, [WorkloadW.Hidden], Activation.ReLU, WorkloadW.Dropout, WorkloadW.Classes);

    /// <summary>Our training data: the images as they are, labels as class indices.</summary>
    public static TrainingData ToTrainingData(LabelledImages images) =>
        new(images.Images, WorkloadW.Inputs, images.Labels.Select(label => (float)label).ToArray());

    /// <summary>Trainer settings of workload W for <paramref name="epochs"/> epochs at <paramref name="batchSize"/>.</summary>
    public static TrainerSettings Settings(int batchSize, int epochs) => new()
    {
        LearningRate = (float)WorkloadW.LearningRate, BatchSize = batchSize, MaxEpochs = epochs,
        ValidationFraction = 0f, L2Penalty = 0f, Seed = WorkloadW.Seed, Threads = WorkloadW.Threads,
    };

    /// <summary>A freshly initialised workload-W network.</summary>
    public static Network NewNetwork() => Architecture.Build(DeterministicRandom.ForStream(WorkloadW.Seed, 1));

    /// <summary>Trains <paramref name="network"/> for one epoch (the trainer shuffles with the workload seed) on <paramref name="threads"/> threads.</summary>
    public static void TrainEpoch(Network network, TrainingData data, int batchSize, int threads = WorkloadW.Threads) =>
        new NetworkTrainer(Settings(batchSize, 1) with { Threads = threads }).Train(network, new SoftmaxCrossEntropyLoss(WorkloadW.Classes), data);

    /// <summary>Not a benchmark: trains for <paramref name="epochs"/> epochs and prints the test accuracy after each.</summary>
    public static void RunAccuracy(TextWriter output, int epochs, int batchSize)
    {
        var (train, test) = FashionMnist.Load();
        var data = ToTrainingData(train);
        var testData = ToTrainingData(test);
        output.WriteLine($"MlNetNeural, workload W: batch {batchSize}, {WorkloadW.Threads} threads, {train.Count} training rows, {test.Count} test rows");
        var loss = new SoftmaxCrossEntropyLoss(WorkloadW.Classes);
        long dataBytes = (long)data.Features.Length * sizeof(float);
        GC.Collect();
        long beforeTraining = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
        var network = new NetworkTrainer(Settings(batchSize, epochs)).Train(Architecture, loss, data, progress: report =>
            output.WriteLine($"epoch {report.Epoch,2}: train loss {report.TrainLoss:F4}, {report.Seconds:F2} s")).Network;
        using (var process = System.Diagnostics.Process.GetCurrentProcess())
        {
            output.WriteLine($"memory: training data (float copy) {dataBytes / 1048576.0:F0} MB; working set before training {beforeTraining / 1048576.0:F0} MB " +
                $"(data, test set, runtime); peak working set during training {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        }
        var workspace = network.CreateWorkspace(test.Count);
        var outputs = network.Forward(testData.Features, workspace, test.Count, new ForwardMode(false, null, WorkloadW.Threads));
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(outputs.Slice(i * WorkloadW.Classes, WorkloadW.Classes)) == test.Labels[i]) correct++;
        }
        output.WriteLine($"test accuracy after {epochs} epochs: {(double)correct / test.Count:P2}");
    }
}
