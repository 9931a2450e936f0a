using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>Writing to a path replaces the file only once the new content is complete.</summary>
public sealed class FileWriteTests
{
    private static readonly OnnxMlpDescription Valid =
        RandomMlp.Create(61, OnnxMlpHead.Multiclass, OnnxActivation.Tanh, normalize: true);

    private static readonly byte[] OldContent = [1, 2, 3, 4];

    [Fact]
    public void WritesTheSameBytesAsTheStreamOverloadAndReplacesAnExistingFile()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllBytes(path, OldContent);

        OnnxMlpWriter.Write(Valid, path);

        using var stream = new MemoryStream();
        OnnxMlpWriter.Write(Valid, stream);
        Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(OnnxMlpWriter.ToBytes(Valid), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void InvalidDescriptionLeavesTheExistingFileUntouched()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllBytes(path, OldContent);
        var invalid = new OnnxMlpDescription(3, [new OnnxDenseLayer(4, 1, new float[4], new float[1], OnnxActivation.Identity)], OnnxMlpHead.Regression);

        Assert.Throws<ArgumentException>(() => OnnxMlpWriter.Write(invalid, path));

        Assert.Equal(OldContent, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void MissingDirectoryIsReportedByName()
    {
        using var directory = new TemporaryDirectory();
        string missing = directory.File("no-such-folder");

        var error = Assert.Throws<DirectoryNotFoundException>(() => OnnxMlpWriter.Write(Valid, Path.Combine(missing, "model.onnx")));

        Assert.Contains(missing, error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void EmptyPathIsRefused() =>
        Assert.Throws<ArgumentException>(() => OnnxMlpWriter.Write(Valid, " "));
}
