namespace StaticNets.ConsoleProgress.Tests;

// A generated classifier small enough to train in milliseconds on 2-D points with two classes.
[Network("FC(2)+SOFTMAX", Input = "2")]
internal partial class TinyClassifier
{
}
