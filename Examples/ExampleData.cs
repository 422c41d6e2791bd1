using System;
using System.IO;
using StaticNets.Data;

/// <summary>Finds Examples/data (the MNIST digits shipped with the repository) above where an example runs.</summary>
internal static class ExampleData
{
    public static string Folder()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "Examples", "data");
                if (File.Exists(Path.Combine(candidate, Mnist.TrainImagesFileName)))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("Examples/data with the MNIST files was not found above the current directory; pass the folder as the first argument.");
    }
}
