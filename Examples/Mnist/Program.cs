// Replaced by the LeNet-5 training example once the generator emits networks.
System.Console.WriteLine("StaticNets MNIST example: not wired yet.");
