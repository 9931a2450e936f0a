using MlNetNeural.Models.Format;

namespace MlNetNeural.Models;

/// <summary>
/// The payload a prediction transformer stores inside an ML.NET model file. Version 2 (written now): the task byte, the
/// sections of <see cref="MlpSections"/> (feature column, class names, network, trainer options, training history, and a
/// binary MLP's changed decision threshold), and
/// one SHA-256 over all of it (<see cref="SectionedPayload"/>). Version 1 (MlNetNeural 0.1.0, still read): task byte,
/// feature column, class names, options, history, then the network with its own checksum; nothing outside the network
/// was checksummed.
/// </summary>
internal static class MlpModelFormat
{
    public const uint Version = 2;

    /// <summary>Writes <paramref name="model"/> as a version-2 payload, streaming.</summary>
    /// <param name="destination">Where the payload goes.</param>
    /// <param name="model">The model.</param>
    /// <param name="featureColumnName">The feature column its transformer reads.</param>
    /// <param name="decisionThreshold">A binary transformer's threshold when it is not the default (section <see cref="MlpSections.DecisionThresholdCode"/>); null writes none.</param>
    public static void Write(Stream destination, MlpModelParameters model, string featureColumnName, float? decisionThreshold = null) =>
        SectionedPayload.Write(destination, (byte)model.Task,
            MlpSections.All.Select(section => new SectionedPayload.Content(section.Code, section.Critical,
                writer => section.Write(writer, model, featureColumnName)))
            .Concat(decisionThreshold is { } threshold
                ? [new SectionedPayload.Content(MlpSections.DecisionThresholdCode, Critical: true, writer => writer.Write(threshold))]
                : []));

    /// <summary>Reads a payload of <paramref name="version"/> 1 or 2 that fills <paramref name="payload"/> (a seekable stream of the payload's length).</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="version">The payload version stored with it.</param>
    /// <param name="expectedTask">The task of the transformer type the file names.</param>
    /// <param name="budget">Memory the model may take.</param>
    public static (MlpModelParameters Model, string FeatureColumnName) Read(Stream payload, uint version, MlpTask expectedTask, ModelLoadBudget budget)
    {
        var (model, featureColumnName, threshold) = ReadWithThreshold(payload, version, expectedTask, budget);
        return threshold is null ? (model, featureColumnName) : throw ModelFileErrors.Corrupt("it holds a decision threshold where none is expected");
    }

    /// <summary>
    /// Reads a payload like <see cref="Read"/>, with the decision threshold of a binary MLP (null when it has the default).
    /// </summary>
    /// <param name="payload">The payload.</param>
    /// <param name="version">The payload version stored with it.</param>
    /// <param name="expectedTask">The task of the transformer type the file names.</param>
    /// <param name="budget">Memory the model may take.</param>
    public static (MlpModelParameters Model, string FeatureColumnName, float? DecisionThreshold) ReadWithThreshold(Stream payload, uint version, MlpTask expectedTask, ModelLoadBudget budget)
    {
        var contents = version switch
        {
            1 => ReadVersion1(new PayloadReader(payload, budget), expectedTask),
            Version => ReadVersion2(payload, expectedTask, budget),
            _ => throw ModelFileErrors.Newer($"its MLP payload has version {version}, and this MlNetNeural reads versions 1 and {Version}"),
        };
        if (contents.DecisionThreshold is not null && expectedTask != MlpTask.BinaryClassification)
            throw ModelFileErrors.Corrupt($"its {expectedTask} MLP holds a decision threshold, which only a binary MLP has");
        var (model, featureColumnName) = contents.Build();
        return (model, featureColumnName, contents.DecisionThreshold);
    }

    private static MlpModelContents ReadVersion2(Stream payload, MlpTask expectedTask, ModelLoadBudget budget)
    {
        var (kind, sections) = SectionedPayload.Open(payload, budget);
        var contents = new MlpModelContents(CheckTask(kind, expectedTask));
        var seen = new HashSet<ushort>();
        foreach (var section in sections)
        {
            if (section.Code == MlpSections.DecisionThresholdCode)
            {
                if (!seen.Add(section.Code)) throw ModelFileErrors.Corrupt("it holds the decision threshold twice");
                var body = SectionedPayload.Body(payload, section, budget);
                contents.DecisionThreshold = MlpSections.ReadDecisionThreshold(body);
                if (body.Remaining != 0) throw ModelFileErrors.Corrupt($"its decision threshold section has {body.Remaining} bytes after its contents");
                continue;
            }
            if (MlpSections.Find(section.Code) is not { } known)
            {
                if (section.Critical) throw ModelFileErrors.Newer($"it holds a section (code {section.Code}) that changes predictions and that this version does not know");
                continue;
            }
            if (!seen.Add(section.Code)) throw ModelFileErrors.Corrupt($"it holds the {known.Name} twice");
            var reader = SectionedPayload.Body(payload, section, budget);
            known.Read(reader, contents);
            if (reader.Remaining != 0) throw ModelFileErrors.Corrupt($"its {known.Name} section has {reader.Remaining} bytes after its contents");
        }
        payload.Position = payload.Length;
        return contents;
    }

    private static MlpModelContents ReadVersion1(PayloadReader reader, MlpTask expectedTask)
    {
        var contents = new MlpModelContents(CheckTask(reader.ReadByte("model kind"), expectedTask))
        {
            FeatureColumnName = reader.ReadString("feature column name"),
            ClassNames = MlpSections.ReadStrings(reader, "class names"),
            TrainerOptions = MlpSections.ReadOptions(reader),
            History = MlpSections.ReadHistory(reader, withStartingLoss: false),
        };
        int networkLength = reader.ReadCount("network bytes", bytesPerItem: 1);
        contents.Network = MlpSections.ReadNetwork(reader, networkLength);
        return contents;
    }

    private static MlpTask CheckTask(byte kind, MlpTask expectedTask) =>
        (MlpTask)kind == expectedTask
            ? expectedTask
            : throw ModelFileErrors.Corrupt($"it holds a {(Enum.IsDefined((MlpTask)kind) ? ((MlpTask)kind).ToString() : $"kind-{kind}")} MLP where its transformer type needs a {expectedTask} MLP");
}
