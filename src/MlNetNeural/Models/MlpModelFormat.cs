using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Models;

/// <summary>
/// The payload a prediction transformer stores inside an ML.NET model file (version 1): task byte,
/// feature column name, class names, trainer options, training history, then the network in its own
/// versioned, checksummed format (<see cref="NetworkSerializer"/>).
/// </summary>
internal static class MlpModelFormat
{
    public const uint Version = 1;

    public static void Write(BinaryWriter writer, MlpModelParameters model, string featureColumnName)
    {
        writer.Write((byte)model.Task);
        writer.Write(featureColumnName);
        WriteStrings(writer, model.ClassNames);
        writer.Write(model.TrainerOptions.Count);
        foreach (var (name, value) in model.TrainerOptions)
        {
            writer.Write(name);
            writer.Write(value);
        }
        WriteHistory(writer, model.History);
        byte[] network = NetworkSerializer.ToBytes(model.Network);
        writer.Write(network.Length);
        writer.Write(network);
    }

    public static (MlpModelParameters Model, string FeatureColumnName) Read(BinaryReader reader, uint version, MlpTask expectedTask)
    {
        if (version != Version)
            throw new InvalidDataException($"This model's MLP payload has version {version}; this MlNetNeural reads version {Version}. Upgrade MlNetNeural to load it.");
        var task = (MlpTask)reader.ReadByte();
        if (task != expectedTask)
            throw new InvalidDataException($"The model file holds a {task} MLP where a {expectedTask} MLP was expected; the file is corrupt.");
        string featureColumn = reader.ReadString();
        var classNames = ReadStrings(reader);
        int optionCount = ReadCount(reader, "trainer options");
        var options = new List<KeyValuePair<string, string>>(optionCount);
        for (int i = 0; i < optionCount; i++) options.Add(new(reader.ReadString(), reader.ReadString()));
        var history = ReadHistory(reader);
        int networkLength = ReadCount(reader, "network bytes");
        var network = NetworkSerializer.FromBytes(reader.ReadBytes(networkLength));
        return (new MlpModelParameters(task, network, classNames, history, options), featureColumn);
    }

    private static void WriteHistory(BinaryWriter writer, TrainingHistory history)
    {
        writer.Write(history.MetricName);
        writer.Write(history.BestEpoch);
        writer.Write((int)history.StopReason);
        writer.Write(history.StopMessage);
        writer.Write(history.TrainingRows);
        writer.Write(history.ValidationRows);
        writer.Write(history.TotalSeconds);
        writer.Write(history.Epochs.Count);
        foreach (var epoch in history.Epochs)
        {
            writer.Write(epoch.Epoch);
            writer.Write(epoch.TrainLoss);
            writer.Write(epoch.ValidationLoss ?? double.NaN);
            writer.Write(epoch.ValidationMetric ?? double.NaN);
            writer.Write(epoch.LearningRate);
            writer.Write(epoch.Seconds);
            writer.Write(epoch.IsBest);
        }
    }

    private static TrainingHistory ReadHistory(BinaryReader reader)
    {
        string metricName = reader.ReadString();
        int bestEpoch = reader.ReadInt32();
        var stopReason = (StopReason)reader.ReadInt32();
        string stopMessage = reader.ReadString();
        int trainingRows = reader.ReadInt32(), validationRows = reader.ReadInt32();
        double totalSeconds = reader.ReadDouble();
        var epochs = new EpochReport[ReadCount(reader, "epochs")];
        for (int i = 0; i < epochs.Length; i++)
        {
            int epoch = reader.ReadInt32();
            double trainLoss = reader.ReadDouble(), validationLoss = reader.ReadDouble(), metric = reader.ReadDouble();
            float rate = reader.ReadSingle();
            double seconds = reader.ReadDouble();
            bool isBest = reader.ReadBoolean();
            epochs[i] = new EpochReport(epoch, trainLoss, double.IsNaN(validationLoss) ? null : validationLoss,
                double.IsNaN(metric) ? null : metric, rate, seconds, isBest);
        }
        return TrainingHistory.Restore(metricName, bestEpoch, stopReason, stopMessage, trainingRows, validationRows, totalSeconds, epochs);
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (string value in values) writer.Write(value);
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[ReadCount(reader, "class names")];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadString();
        return values;
    }

    private static int ReadCount(BinaryReader reader, string what)
    {
        int count = reader.ReadInt32();
        long remaining = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (count < 0 || count > remaining)
            throw new InvalidDataException($"The model file is corrupt: it declares {count} {what}.");
        return count;
    }
}
