using Microsoft.ML;
using MlNetNeural.Core.IO;

namespace MlNetNeural;

/// <summary>Saving a model without ever leaving a half-written file behind.</summary>
public static class SafeModelSaving
{
    /// <summary>
    /// Saves <paramref name="model"/> like <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, string)"/>,
    /// but all-or-nothing: the model is written to a temporary file in the same directory, flushed to disk, and
    /// then moved over <paramref name="filePath"/>. If anything fails, the temporary file is deleted and a file
    /// already at <paramref name="filePath"/> is left exactly as it was. (ML.NET's own <c>Save</c> truncates
    /// the target first, so a failure part-way destroys the previous model and leaves a partial zip.)
    /// </summary>
    /// <param name="catalog"><c>mlContext.Model</c>.</param>
    /// <param name="model">The fitted model (e.g. a whole pipeline).</param>
    /// <param name="inputSchema">Schema of the data the model was fitted on (may be null, as in ML.NET).</param>
    /// <param name="filePath">Destination file; its directory must exist.</param>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="filePath"/> does not exist.</exception>
    /// <exception cref="IOException">Writing or moving failed; the message names the file, the inner exception says why.</exception>
    public static void SaveSafely(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);

        string target = Path.GetFullPath(filePath);
        string directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"Cannot save the model to '{target}': the directory '{directory}' does not exist. Create it first.");
        }
        try
        {
            AtomicFile.Write(target, stream => catalog.Save(model, inputSchema, stream));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new IOException(
                $"Could not save the model to '{target}': {ex.Message} Any file previously at that path is unchanged.", ex);
        }
    }
}
