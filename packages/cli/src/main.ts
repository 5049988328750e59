console.log("ocop-sync CLI: not built yet");
