using Google.Protobuf;
using MlNetNeural.Core.IO;
using MlNetNeural.Onnx.Graph;
using MlNetNeural.Onnx.Protobuf;

namespace MlNetNeural.Onnx;

/// <summary>
/// Writes an <see cref="OnnxMlpDescription"/> as an ONNX model (IR version <see cref="IrVersion"/>, default-domain
/// opset <see cref="OpsetVersion"/>) that OnnxRuntime and ML.NET's <c>ApplyOnnxModel</c> can score.
/// </summary>
/// <remarks>
/// The description is validated completely before any byte is written; an invalid one throws
/// <see cref="ArgumentException"/> naming the offending layer or value.
/// </remarks>
public static class OnnxMlpWriter
{
    /// <summary>The ONNX IR version written into every model.</summary>
    public const long IrVersion = 8;

    /// <summary>The version of the default ONNX operator set (domain "") the graph uses.</summary>
    public const long OpsetVersion = 13;

    /// <summary>The version of the <c>ai.onnx.ml</c> operator set, imported when the graph uses its operators
    /// (<c>LabelEncoder</c> for a converted <c>MapValueToKey</c> or <c>OneHotEncoding</c>).</summary>
    public const long MlOpsetVersion = 2;

    /// <summary>The <c>producer_name</c> written into every model.</summary>
    public const string ProducerName = "MlNetNeural";

    /// <summary>The <c>producer_version</c> written into every model: this assembly's version.</summary>
    public static string ProducerVersion { get; } =
        typeof(OnnxMlpWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>Writes the model to <paramref name="destination"/>, which is left open.</summary>
    /// <param name="description">The network to export.</param>
    /// <param name="destination">A writable stream.</param>
    /// <exception cref="ArgumentException">The description is invalid, or the stream is not writable.</exception>
    public static void Write(OnnxMlpDescription description, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        var model = BuildModel(description);
        model.WriteTo(destination);
    }

    /// <summary>
    /// Writes the model to the file <paramref name="path"/> (conventionally <c>*.onnx</c>), replacing it if it exists.
    /// The content goes to a temporary file in the same directory first, so a failed write leaves any existing file
    /// untouched.
    /// </summary>
    /// <param name="description">The network to export.</param>
    /// <param name="path">Destination file path; its directory must exist.</param>
    /// <exception cref="ArgumentException">The description or path is invalid.</exception>
    /// <exception cref="DirectoryNotFoundException">The destination directory does not exist.</exception>
    public static void Write(OnnxMlpDescription description, string path)
    {
        var model = BuildModel(description);
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>Returns the serialized model, for example for <c>new InferenceSession(bytes)</c>.</summary>
    /// <param name="description">The network to export.</param>
    /// <exception cref="ArgumentException">The description is invalid.</exception>
    public static byte[] ToBytes(OnnxMlpDescription description) => BuildModel(description).ToByteArray();

    internal static ModelProto BuildModel(OnnxMlpDescription description)
    {
        OnnxMlpDescriptionValidator.Validate(description);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = OnnxMlpDocString.Describe(description),
            Graph = OnnxMlpGraph.Build(description),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        if (model.Graph.Node.Any(node => node.Domain == OnnxGraphBuilder.MlDomain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraphBuilder.MlDomain, Version = MlOpsetVersion });
        foreach (var (key, value) in description.Metadata ?? new Dictionary<string, string>())
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }
}
